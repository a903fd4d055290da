// scripts/migrate.sh on scratch databases of the test server (never the stack's own): each file applied once with its
// SHA-256; an edited, renamed, removed, out-of-order or failed migration refused with what to do; `mark` and `forget`
// to settle one by hand; a record of the runner before checksums adopted once, renamed files included.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const socket = process.env.TTS_DB_SOCKET;
const scratch = [];
const dirs = [];

function client(db, query) {
  const args = ['--no-defaults', `--socket=${socket}`, '--user=root', '--default-character-set=utf8mb4', '-N', '-B'];
  const out = execFileSync('mariadb', [...args, ...(db ? [db] : []), '-e', query], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

// A fresh scratch database (dropped after the file's tests) and a folder of migrations { name: sql }.
function setup(files) {
  const db = `tts_migrate_test_${process.pid}_${scratch.length}`;
  scratch.push(db);
  client(null, `DROP DATABASE IF EXISTS ${db}; CREATE DATABASE ${db} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { db, dir };
}

after(() => {
  for (const db of scratch) client(null, `DROP DATABASE IF EXISTS ${db}`);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function migrate(db, dir, ...args) {
  const r = spawnSync('bash', [`${root}scripts/migrate.sh`, db, dir, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const sha = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
const record = (db) => client(db, 'SELECT version, checksum, state FROM schema_migrations ORDER BY version');
const tables = (db) => client(db, 'SHOW TABLES').map(([t]) => t).sort();

test('each file is applied once, in order, recorded with its SHA-256', () => {
  const { db, dir } = setup({ '0001_a.sql': 'CREATE TABLE a (id INT);\n', '0002_b.sql': 'CREATE TABLE b (id INT);\n' });
  const first = migrate(db, dir);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /2 newly applied/);
  assert.deepEqual(record(db), [
    ['0001_a', sha(join(dir, '0001_a.sql')), 'applied'],
    ['0002_b', sha(join(dir, '0002_b.sql')), 'applied'],
  ]);
  const again = migrate(db, dir);
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /0 newly applied/);
});

test('an edited migration is refused, naming the file and what to do; nothing else is applied', () => {
  const { db, dir } = setup({ '0001_a.sql': 'CREATE TABLE a (id INT);\n' });
  assert.equal(migrate(db, dir).code, 0);
  writeFileSync(join(dir, '0001_a.sql'), '-- a comment added\nCREATE TABLE a (id INT);\n');
  writeFileSync(join(dir, '0002_b.sql'), 'CREATE TABLE b (id INT);\n');
  const r = migrate(db, dir);
  assert.equal(r.code, 1);
  assert.match(r.err, /0001_a\.sql was edited after it was applied to database tts_migrate_test_\w+ on \d{4}-\d\d-\d\d/);
  assert.match(r.err, /put the change in a new\s+migration/);
  assert.match(r.err, new RegExp(`scripts/migrate.sh ${db} \\S+ mark 0001_a`));
  assert.match(r.err, /docs\/decisions\/2026-12-06-migrations\.md/);
  assert.match(r.err, /refusing to migrate .*nothing was applied/);
  assert.deepEqual(tables(db), ['a', 'schema_migrations']);
  // The edit changes nothing in the database: recorded as the file is now, the run goes on.
  assert.equal(migrate(db, dir, 'mark', '0001_a').code, 0);
  const ok = migrate(db, dir);
  assert.equal(ok.code, 0, ok.err);
  assert.equal(record(db)[0][1], sha(join(dir, '0001_a.sql')));
  assert.deepEqual(tables(db), ['a', 'b', 'schema_migrations']);
});

test('a renamed or removed migration is refused', () => {
  const { db, dir } = setup({ '0001_a.sql': 'CREATE TABLE a (id INT);\n', '0002_b.sql': 'CREATE TABLE b (id INT);\n' });
  assert.equal(migrate(db, dir).code, 0);
  renameSync(join(dir, '0002_b.sql'), join(dir, '0002_a_b.sql'));
  const r = migrate(db, dir);
  assert.equal(r.code, 1);
  assert.match(r.err, /has 0002_b applied .* but \S*0002_b\.sql does not exist: renamed or removed\?/);
  assert.match(r.err, /0002_a_b\.sql is not applied to database \w+, but 0002_b, which sorts after it, is/);
  unlinkSync(join(dir, '0002_a_b.sql'));
  assert.match(migrate(db, dir).err, /0002_b\.sql does not exist/);
});

test('a migration added before one already applied, or numbered with a gap, is refused', () => {
  const { db, dir } = setup({ '0001_a.sql': 'CREATE TABLE a (id INT);\n', '0003_c.sql': 'CREATE TABLE c (id INT);\n' });
  const gap = migrate(db, dir);
  assert.equal(gap.code, 1);
  assert.match(gap.err, /0003_c\.sql is numbered 0003 where 0002 comes next/);
  renameSync(join(dir, '0003_c.sql'), join(dir, '0002_c.sql'));
  assert.equal(migrate(db, dir).code, 0);
  writeFileSync(join(dir, '0001_b.sql'), 'CREATE TABLE b (id INT);\n');
  const r = migrate(db, dir);
  assert.equal(r.code, 1);
  assert.match(r.err, /0001_b\.sql is not applied to database \w+, but 0002_c, which sorts after it, is/);
  assert.deepEqual(tables(db), ['a', 'c', 'schema_migrations']);
});

test('a failed migration is recorded as failed; every later run refuses until it is settled by hand', () => {
  const { db, dir } = setup({
    '0001_a.sql': 'CREATE TABLE a (id INT);\n',
    '0002_b.sql': 'CREATE TABLE b (id INT);\nCREATE TABLE a (id INT);\n', // b is made, then it fails
    '0003_c.sql': 'CREATE TABLE c (id INT);\n',
  });
  const r = migrate(db, dir);
  assert.equal(r.code, 1);
  assert.match(r.err, /Table 'a' already exists/);
  assert.match(r.err, /0002_b\.sql failed on database \w+: recorded as failed, the later ones not applied/);
  const [[state, error]] = client(db, "SELECT state, error FROM schema_migrations WHERE version = '0002_b'");
  assert.equal(state, 'failed');
  assert.match(error, /Table 'a' already exists/);
  assert.deepEqual(tables(db), ['a', 'b', 'schema_migrations']);

  const again = migrate(db, dir);
  assert.equal(again.code, 1);
  assert.match(again.err, /migration \S*0002_b\.sql failed on database \w+ on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC:/);
  assert.match(again.err, /Fix the database by hand/);
  assert.match(again.err, new RegExp(`scripts/migrate.sh ${db} \\S+ mark 0002_b`));
  assert.match(again.err, new RegExp(`scripts/migrate.sh ${db} \\S+ forget 0002_b`));
  assert.match(again.err, /docs\/decisions\/2026-12-06-migrations\.md/);
  assert.deepEqual(tables(db), ['a', 'b', 'schema_migrations'], 'nothing after it applied');

  // Undone by hand and the file fixed: forgotten, it is applied again with the later ones.
  assert.equal(migrate(db, dir, 'forget', '0001_a').code, 1, 'only a failed record can be forgotten');
  client(db, 'DROP TABLE b');
  writeFileSync(join(dir, '0002_b.sql'), 'CREATE TABLE b (id INT);\n');
  assert.equal(migrate(db, dir, 'forget', '0002_b').code, 0);
  const fixed = migrate(db, dir);
  assert.equal(fixed.code, 0, fixed.err);
  assert.deepEqual(tables(db), ['a', 'b', 'c', 'schema_migrations']);
  assert.deepEqual(record(db).map(([v, , s]) => [v, s]), [['0001_a', 'applied'], ['0002_b', 'applied'], ['0003_c', 'applied']]);
});

test('a failed migration finished by hand is marked applied', () => {
  const { db, dir } = setup({ '0001_a.sql': 'CREATE TABLE a (id INT);\nCREATE TABLE a (id INT);\n' });
  assert.equal(migrate(db, dir).code, 1);
  assert.equal(migrate(db, dir, 'mark', '0001_a').code, 0);
  const [[state, marked]] = client(db, 'SELECT state, marked_at IS NOT NULL FROM schema_migrations');
  assert.deepEqual([state, marked], ['applied', '1']);
  assert.equal(migrate(db, dir).code, 0);
});

test('a run killed while applying a migration leaves it recorded as failed', async () => {
  const { db, dir } = setup({ '0001_slow.sql': 'CREATE TABLE a (id INT);\nDO SLEEP(20);\n' });
  const run = spawn('bash', [`${root}scripts/migrate.sh`, db, dir], { detached: true, stdio: 'ignore' });
  const deadline = Date.now() + 15000;
  while (!client(db, "SHOW TABLES LIKE 'a'").length) {
    assert.ok(Date.now() < deadline, 'the migration started');
    await new Promise((r) => setTimeout(r, 100));
  }
  const exited = new Promise((r) => run.on('exit', r));
  process.kill(-run.pid, 'SIGKILL'); // the runner and its client, as a lost terminal or an OOM kill would
  await exited;
  const [[state, error]] = client(db, 'SELECT state, error FROM schema_migrations');
  assert.deepEqual([state, error], ['failed', 'the run stopped while applying it (killed, or its connection lost)']);
  const r = migrate(db, dir);
  assert.equal(r.code, 1);
  assert.match(r.err, /0001_slow\.sql failed on database \w+ on .* UTC:\n\s+the run stopped while applying it/);
});

// The record of the runner before checksums: (version, applied_at) only.
function oldRecord(db, versions) {
  client(db, `CREATE TABLE schema_migrations (version VARCHAR(64) NOT NULL PRIMARY KEY, applied_at DATETIME NOT NULL)
    ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
    INSERT INTO schema_migrations VALUES ${versions.map((v) => `('${v}', UTC_TIMESTAMP())`).join(', ')}`);
}

test("the sandbox's database of the runner before checksums is adopted once: 0009_inventory_refusals is now 0004", () => {
  const dir = `${root}sql/sandbox`;
  const { db } = setup({});
  // What that runner made: the four files it knew applied (the fourth then named 0009), recorded by name only.
  const known = ['0001_sandbox', '0002_inventory_updates', '0003_rate_limit', '0004_inventory_refusals'];
  for (const v of known) {
    execFileSync('mariadb', ['--no-defaults', `--socket=${socket}`, '--user=root', '--default-character-set=utf8mb4', db],
      { input: readFileSync(join(dir, `${v}.sql`)) });
  }
  oldRecord(db, ['0001_sandbox', '0002_inventory_updates', '0003_rate_limit', '0009_inventory_refusals']);

  // the files written since are applied as new ones
  const all = readdirSync(dir).filter((x) => x.endsWith('.sql')).sort().map((x) => x.slice(0, -4));
  const r = migrate(db, dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /the record of 0009_inventory_refusals is now 0004_inventory_refusals/);
  assert.match(r.out, /adopted 4 migration\(s\)/);
  assert.match(r.out, new RegExp(`${all.length - known.length} newly applied`));
  assert.deepEqual(record(db), all.map((v) => [v, sha(join(dir, `${v}.sql`)), 'applied']));
  const again = migrate(db, dir);
  assert.equal(again.code, 0, again.err);
  assert.doesNotMatch(again.out, /adopted|record of/);
});

test("the app's renumbered shop_pace and replica migrations are adopted under their new names", () => {
  const files = {};
  for (let n = 1; n <= 10; n++) files[`${String(n).padStart(4, '0')}_m${n}.sql`] = `CREATE TABLE t${n} (id INT);\n`;
  files['0011_shop_pace.sql'] = 'CREATE TABLE shop_pace (id INT);\n';
  files['0012_replica.sql'] = 'CREATE TABLE replica (id INT);\n';
  files['0013_next.sql'] = 'CREATE TABLE next (id INT);\n';
  const { db, dir } = setup(files);
  for (const [name, text] of Object.entries(files)) if (name !== '0013_next.sql') client(db, text);
  // Recorded under their first names; 0012_replica also under its new one (the renamed file ran again by hand).
  oldRecord(db, [...Object.keys(files).slice(0, 10).map((f) => f.slice(0, -4)), '0014_shop_pace', '0015_replica',
    '0012_replica']);
  const r = migrate(db, dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /the record of 0014_shop_pace is now 0011_shop_pace/);
  assert.match(r.out, /the record of 0015_replica is now 0012_replica/);
  assert.match(r.out, /1 newly applied/);
  const rec = record(db);
  assert.deepEqual(rec.map(([v]) => v), Object.keys(files).map((f) => f.slice(0, -4)));
  for (const [v, c, s] of rec) assert.deepEqual([c, s], [sha(join(dir, `${v}.sql`)), 'applied'], v);
});

test('a recorded name with no file and no known rename is not adopted but refused', () => {
  const { db, dir } = setup({ '0001_a.sql': 'CREATE TABLE a (id INT);\n' });
  client(db, 'CREATE TABLE a (id INT)');
  oldRecord(db, ['0001_a', '0002_gone']);
  const r = migrate(db, dir);
  assert.equal(r.code, 1);
  assert.match(r.err, /has 0002_gone applied .* but \S*0002_gone\.sql does not exist/);
});

test("the app's own migrations: applied by the runner, then refused once one of them is edited", () => {
  const files = Object.fromEntries(readdirSync(`${root}sql`).filter((f) => /^\d{4}_.*\.sql$/.test(f))
    .map((f) => [f, readFileSync(`${root}sql/${f}`)]));
  const { db, dir } = setup(files);
  const r = migrate(db, dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`${Object.keys(files).length} newly applied`));
  writeFileSync(join(dir, '0007_orders_search.sql'), Buffer.concat([files['0007_orders_search.sql'], Buffer.from('-- x\n')]));
  const edited = migrate(db, dir);
  assert.equal(edited.code, 1);
  assert.match(edited.err, /0007_orders_search\.sql was edited after it was applied/);
});
