// An upgrade while serving (docs/rolling-upgrade.md): with 16 clients reading the orders list through nginx and a
// backfill writing orders, the schema of the cluster's `tts` is expanded (`scripts/migrate.sh --phase expand`: a
// nullable column and an index built online on orders), every api pool and sync worker is rolled (`cluster.sh
// restart`), then the contract phase drops them: no request fails, the replica follows each step, schema_migrations
// records both. The probe migrations are the test's own, in a copy of sql/: at the end the cluster's database is as
// the test found it (the probe's column, index and records gone), so that the cluster starts again on sql/. First, a
// new migration without its phase line is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../api/lib/db.mjs';
import { sql, ok, backfillExact, clusterAsync, shopWithOrders, listReaders, PRIMARY_PORT, REPLICA_PORT } from './lib.mjs';

const ORDERS = 20000;
const CLIENTS = 16;
const ROOT = new URL('../../', import.meta.url).pathname;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const sha = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

// The probe: the next two numbers after sql/'s last migration, an expand and its contract.
const own = readdirSync(`${ROOT}sql`).filter((f) => /^\d{4}_[A-Za-z0-9_-]+\.sql$/.test(f)).sort();
const next = Number(own.at(-1).slice(0, 4)) + 1;
const EXPAND = `${String(next).padStart(4, '0')}_upgrade_probe`;
const CONTRACT = `${String(next + 1).padStart(4, '0')}_upgrade_probe_drop`;
const PROBE = { column: 'upgrade_probe', index: 'ix_orders_upgrade_probe' };

const EXPAND_SQL = `-- phase: expand
-- tests/cluster/5-upgrade.test.mjs: a nullable column and an index on the busy orders table, built online (no table
-- copy, no lock on reads or writes: MariaDB refuses the statement rather than take one); the metadata lock waited
-- for 10 s at most, so that statements on orders never queue behind this one for longer.
SET SESSION lock_wait_timeout = 10;
ALTER TABLE orders ADD COLUMN ${PROBE.column} VARCHAR(32) NULL COMMENT 'the upgrade test''s probe', ALGORITHM=INPLACE, LOCK=NONE;
ALTER TABLE orders ADD KEY ${PROBE.index} (merchant_id, ${PROBE.column}), ALGORITHM=INPLACE, LOCK=NONE;
`;
const CONTRACT_SQL = `-- phase: contract
-- tests/cluster/5-upgrade.test.mjs: the probe's column and index dropped, once every binary is new.
SET SESSION lock_wait_timeout = 10;
ALTER TABLE orders DROP KEY ${PROBE.index}, DROP COLUMN ${PROBE.column}, ALGORITHM=INPLACE, LOCK=NONE;
`;

// migrate(dir, ...args): scripts/migrate.sh on the cluster's primary as in production (TTS_DB_HOST/PORT/USER, TCP),
// without blocking the event loop.
function migrate(dir, ...args) {
  const env = { ...process.env, TTS_DB_SOCKET: '', TTS_DB_HOST: '127.0.0.1', TTS_DB_PORT: PRIMARY_PORT, TTS_DB_USER: 'root', TTS_DB_PASSWORD: '' };
  return new Promise((resolve) => {
    execFile('bash', [`${ROOT}scripts/migrate.sh`, 'tts', dir, ...args], { encoding: 'utf8', env }, (err, stdout, stderr) =>
      resolve({ code: err ? err.code ?? 1 : 0, out: stdout, err: stderr }));
  });
}

// The probe as a server sees it: [has the column, its nullability, has the index].
function probe(port) {
  const [[column, nullable]] = sql(port, `SELECT COUNT(*), IFNULL(MAX(IS_NULLABLE), '-') FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = 'tts' AND TABLE_NAME = 'orders' AND COLUMN_NAME = '${PROBE.column}'`);
  const [[index]] = sql(port, `SELECT COUNT(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS
    WHERE TABLE_SCHEMA = 'tts' AND TABLE_NAME = 'orders' AND INDEX_NAME = '${PROBE.index}'`);
  return [column === '1', nullable, index === '1'];
}
const ABSENT = [false, '-', false];
const PRESENT = [true, 'YES', true];

// The orders table's shape (columns and indexes) on a server, to compare before and after.
function shape(port) {
  return [
    sql(port, `SELECT ORDINAL_POSITION, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = 'tts' AND TABLE_NAME = 'orders' ORDER BY ORDINAL_POSITION`),
    sql(port, `SELECT INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = 'tts' AND TABLE_NAME = 'orders' ORDER BY INDEX_NAME, SEQ_IN_INDEX`),
  ];
}
const records = (port) => sql(port, `SELECT version, checksum, state FROM schema_migrations
  WHERE version IN ('${EXPAND}', '${CONTRACT}') ORDER BY version`);

test('a migration after 0018 without its phase line is refused before anything is applied', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tts-upgrade-'));
  try {
    for (const f of own) copyFileSync(`${ROOT}sql/${f}`, join(dir, f));
    writeFileSync(join(dir, `${EXPAND}.sql`), EXPAND_SQL.replace(/^-- phase: expand\n/, ''));
    const none = await migrate(dir, '--phase', 'expand');
    assert.equal(none.code, 1);
    assert.match(none.err, new RegExp(`${EXPAND}\\.sql does not say its phase\\.`));
    assert.match(none.err, /-- phase: expand .*\n.*\n\s+-- phase: contract/);
    assert.match(none.err, /refusing to migrate database tts: .* nothing was applied/);
    writeFileSync(join(dir, `${EXPAND}.sql`), `-- The probe.\n${EXPAND_SQL}`);
    const second = await migrate(dir);
    assert.equal(second.code, 1);
    assert.match(second.err, /does not say its phase on its first line \(it says it on line 2\)/);
    assert.deepEqual(probe(PRIMARY_PORT), ABSENT, 'nothing applied');
    assert.deepEqual(records(PRIMARY_PORT), [], 'nothing recorded');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the schema expanded, the binaries rolled and the schema contracted under 16 readers and a backfill: no failed request', async (t) => {
  const before = [shape(PRIMARY_PORT), shape(REPLICA_PORT)];
  assert.deepEqual(probe(PRIMARY_PORT), ABSENT, 'the cluster has no probe yet');
  const dir = mkdtempSync(join(tmpdir(), 'tts-upgrade-'));
  for (const f of own) copyFileSync(`${ROOT}sql/${f}`, join(dir, f));
  writeFileSync(join(dir, `${EXPAND}.sql`), EXPAND_SQL);
  writeFileSync(join(dir, `${CONTRACT}.sql`), CONTRACT_SQL);

  // Whatever happens, the cluster's database is left as it was: the probe's column, index and records removed.
  t.after(() => {
    sql(PRIMARY_PORT, `ALTER TABLE orders DROP KEY IF EXISTS ${PROBE.index}, DROP COLUMN IF EXISTS ${PROBE.column}`);
    sql(PRIMARY_PORT, `DELETE FROM schema_migrations WHERE version IN ('${EXPAND}', '${CONTRACT}')`);
    rmSync(dir, { recursive: true, force: true });
  });

  const { m, conn } = await shopWithOrders('upgrade', ORDERS);

  const traffic = listReaders(m, CLIENTS);
  const sync = await ok('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  await sleep(2000);

  // 1. Expand, while the old binaries serve: the probe's column and index, and nothing of the contract phase.
  const [[ordersThen]] = sql(PRIMARY_PORT, 'SELECT COUNT(*) FROM orders');
  const [[jobThen]] = sql(PRIMARY_PORT, `SELECT state FROM sync_jobs WHERE id = ${sync.job.id}`);
  const doneBefore = traffic.done;
  let t0 = Date.now();
  const expand = await migrate(dir, '--phase', 'expand');
  const expandMs = Date.now() - t0;
  const duringExpand = traffic.done - doneBefore;
  assert.equal(expand.code, 0, expand.err);
  assert.match(expand.out, new RegExp(`applied \\S+/${EXPAND}\\.sql to tts \\(expand\\)`));
  assert.match(expand.out, new RegExp(`left 1 migration\\(s\\)[^\\n]*\\n\\s+${CONTRACT} \\(contract\\)`));
  assert.match(expand.out, /1 newly applied, 1 left for the contract phase/);
  assert.deepEqual(probe(PRIMARY_PORT), PRESENT, 'the primary has the nullable column and the index');
  assert.deepEqual(records(PRIMARY_PORT), [[EXPAND, sha(join(dir, `${EXPAND}.sql`)), 'applied']], 'the expand recorded, not the contract');
  await eventually(() => JSON.stringify(probe(REPLICA_PORT)) === JSON.stringify(PRESENT), 'the replica to have the column and index');
  t.diagnostic(`expand: ${expandMs} ms on ${ordersThen} orders (backfill ${jobThen}), ${duringExpand} requests answered meanwhile`);
  assert.ok(duringExpand > 0, 'requests were answered while the expand ran');

  // 2. The new binaries, host by host (docs/rolling-upgrade.md).
  const rolls = [];
  for (const host of ['api-1', 'api-2', 'sync-1', 'sync-2']) {
    t0 = Date.now();
    await clusterAsync('restart', host);
    rolls.push(`${host} ${Date.now() - t0} ms`);
    await sleep(2000);
  }

  // 3. Contract, once every binary is new: the rest applied.
  t0 = Date.now();
  const contract = await migrate(dir);
  const contractMs = Date.now() - t0;
  assert.equal(contract.code, 0, contract.err);
  assert.match(contract.out, new RegExp(`applied \\S+/${CONTRACT}\\.sql to tts \\(contract\\)`));
  assert.match(contract.out, /1 newly applied/);
  assert.deepEqual(probe(PRIMARY_PORT), ABSENT, 'the contract dropped the column and the index');
  assert.deepEqual(records(PRIMARY_PORT), [
    [EXPAND, sha(join(dir, `${EXPAND}.sql`)), 'applied'],
    [CONTRACT, sha(join(dir, `${CONTRACT}.sql`)), 'applied'],
  ]);
  await eventually(() => JSON.stringify(probe(REPLICA_PORT)) === JSON.stringify(ABSENT), 'the replica to drop them too');
  await eventually(() => records(REPLICA_PORT).length === 2, 'the replica to have both records');

  await sleep(1000);
  await traffic.stop();
  const { done, failures } = traffic;
  t.diagnostic(`${done} requests, ${failures.length} failed; rolled ${rolls.join(', ')}; contract ${contractMs} ms`);
  assert.deepEqual(failures.slice(0, 20), [], `every request succeeded (${failures.length} of ${done} failed)`);
  await backfillExact(m, sync.job.id, conn.id, ORDERS, 180000);

  // 4. The probe's records are the test's own (files that sql/ does not have): removed, the cluster's runner on sql/
  // finds nothing to refuse or apply, and orders is as it was on both servers.
  sql(PRIMARY_PORT, `DELETE FROM schema_migrations WHERE version IN ('${EXPAND}', '${CONTRACT}')`);
  const again = await migrate(`${ROOT}sql`);
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /0 newly applied/);
  assert.deepEqual(shape(PRIMARY_PORT), before[0], 'orders on the primary as before the test');
  await eventually(() => records(REPLICA_PORT).length === 0, 'the replica to drop the records too');
  assert.deepEqual(shape(REPLICA_PORT), before[1], 'orders on the replica as before the test');
});
