// The SQL that is generated stays what its generator prints: the name-words function of the migrations (from
// text_fold() in backend/src/products/fold.c, by sql/gen/name_words.c) and the triggers of order_days, the per-hour
// counts and merchant_versions (sql/gen/triggers.mjs); the test database's triggers are the ones the generator
// lists, and none of them can be switched off by a session variable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from './lib/db.mjs';
import { GENERATED, generate, versionTriggers, hourTriggers, ORDER_DAYS_TRIGGERS } from '../../sql/gen/triggers.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const migrations = readdirSync(`${root}sql`).filter((f) => /^\d{4}_[A-Za-z0-9_-]+\.sql$/.test(f)).sort();
const read = (f) => readFileSync(`${root}sql/${f}`, 'utf8');

test('the name-words function of the migrations is what sql/gen/name_words.c prints from fold.c', () => {
  // The latest migration that creates it holds its definition in force.
  const re = /^CREATE FUNCTION (tts_name_words\w*)\(.*?'"\]'\);\n/ms;
  const file = migrations.filter((f) => re.test(read(f))).pop();
  assert.ok(file, 'a migration creates the tts_name_words function');
  const [statement, name] = read(file).match(re);
  const dir = mkdtempSync(join(tmpdir(), 'name-words-'));
  try {
    execFileSync(process.env.CC || 'gcc', ['-std=c11', '-D_GNU_SOURCE', '-Wall', '-Wextra', '-Werror', '-O1',
      `-I${root}backend/src`, '-o', `${dir}/name_words`, `${root}sql/gen/name_words.c`,
      `${root}backend/src/products/fold.c`]);
    const printed = execFileSync(`${dir}/name_words`, [name], { encoding: 'utf8' });
    assert.ok(printed === statement, `sql/${file}'s ${name} differs from what sql/gen/name_words.c prints: ` +
      'fold.c changed since? Put the new function in a new migration ' +
      `(gcc -Ibackend/src sql/gen/name_words.c backend/src/products/fold.c && ./a.out NAME)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the newest migration written by sql/gen/triggers.mjs is its output', () => {
  const file = migrations.filter((f) => read(f).includes(`\n${GENERATED}\n`)).pop();
  assert.ok(file, 'a migration is written by sql/gen/triggers.mjs');
  const text = read(file);
  const generated = text.slice(text.indexOf(`\n${GENERATED}\n`) + GENERATED.length + 2);
  assert.ok(generated === generate(), `sql/${file} differs from what sql/gen/triggers.mjs prints: a change of the ` +
    'script goes into a new migration (node sql/gen/triggers.mjs sql/NNNN_name.sql), an applied one never changes');
});

test("the test database's order_days, per-hour and version triggers are the generator's", () => {
  const rows = sql(`SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, EVENT_MANIPULATION, ACTION_TIMING, ACTION_ORIENTATION,
      HEX(ACTION_STATEMENT)
    FROM information_schema.TRIGGERS
    WHERE TRIGGER_SCHEMA = DATABASE() AND (ACTION_STATEMENT LIKE '%merchant_versions%'
      OR ACTION_STATEMENT LIKE '%order_days%' OR ACTION_STATEMENT LIKE '%order_hours%'
      OR ACTION_STATEMENT LIKE '%order_status_hours%'
      OR ACTION_STATEMENT LIKE '%order_slip_hours%' OR ACTION_STATEMENT LIKE '%order_unlinked_hours%')
`);
  const byName = (a, b) => (a.name < b.name ? -1 : 1);
  const inDb = rows.map(([name, table, event, timing, orientation, body]) => ({
    name, table, event, timing, orientation, body: Buffer.from(body, 'hex').toString('utf8'),
  })).sort(byName);
  const want = [...ORDER_DAYS_TRIGGERS, ...hourTriggers(), ...versionTriggers()]
    .map(({ name, table, event, body }) => ({ name, table, event, timing: 'AFTER', orientation: 'ROW', body }))
    .sort(byName);
  assert.deepEqual(inDb.map((t) => t.name), want.map((t) => t.name), 'the triggers writing those tables');
  assert.deepEqual(inDb, want);
  // The scope each version trigger raises, read from the database's own text.
  for (const t of versionTriggers()) {
    const body = inDb.find((x) => x.name === t.name).body;
    assert.match(body, new RegExp(`SELECT (NEW|OLD)\\.\\w+, ${t.scope}, CONNECTION_ID\\(\\) % 64, 1 FROM DUAL`), t.name);
  }
});

test('no trigger reads a session variable (a bulk-load switch)', () => {
  const rows = sql(`SELECT TRIGGER_NAME FROM information_schema.TRIGGERS
    WHERE TRIGGER_SCHEMA = DATABASE() AND ACTION_STATEMENT REGEXP '@[A-Za-z_]'`);
  assert.deepEqual(rows, []);
});
