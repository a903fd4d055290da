// Sync workers sharing one job table: each job runs exactly once, and a dead worker's job is taken over.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { sql, eventually } from './lib/db.mjs';
import { newMerchant } from './lib/client.mjs';

const bin = `${process.env.TTS_BIN_DIR}/tts-sync`;
const workers = [];

function startWorker() {
  const p = spawn(bin, [], { env: process.env, stdio: ['ignore', 'ignore', 'pipe'] });
  p.log = '';
  p.stderr.on('data', (d) => { p.log += d; });
  workers.push(p);
  return p;
}

after(async () => {
  for (const p of workers) {
    if (p.exitCode === null) {
      p.kill('SIGTERM');
      await once(p, 'exit');
    }
  }
});

test('two workers run 60 jobs, each exactly once and never at the same time', async () => {
  const m = await newMerchant('jobs');
  // Jobs for a connection that does not exist: the handler finds nothing to do and ends them.
  sql(`INSERT INTO sync_jobs (merchant_id, connection_id, kind) SELECT ${m.merchant.id}, 0, 'shop_check' FROM seq_1_to_60`);
  startWorker();
  startWorker();
  await eventually(() => sql(`SELECT COUNT(*) FROM sync_jobs WHERE merchant_id = ${m.merchant.id} AND state = 'done'`)[0][0] === '60',
    'all 60 jobs to be done');
  const runs = sql(`SELECT r.job_id, COUNT(*), MIN(r.outcome), MAX(r.outcome) FROM sync_job_runs r JOIN sync_jobs j ON j.id = r.job_id
                    WHERE j.merchant_id = ${m.merchant.id} GROUP BY r.job_id`);
  assert.equal(runs.length, 60);
  for (const [job, count, lo, hi] of runs) {
    assert.equal(count, '1', `job ${job} ran ${count} times`);
    assert.equal(lo, 'done');
    assert.equal(hi, 'done');
  }
  const attempts = sql(`SELECT DISTINCT attempts FROM sync_jobs WHERE merchant_id = ${m.merchant.id}`);
  assert.deepEqual(attempts, [['1']]);
});

test("a job whose worker died is taken over once its lease expires", async () => {
  const m = await newMerchant('jobs-dead');
  // What a killed worker leaves behind: a running job with a lease nobody renews.
  sql(`INSERT INTO sync_jobs (merchant_id, connection_id, kind, state, attempts, lease_owner, lease_expires_at, started_at)
       VALUES (${m.merchant.id}, 0, 'shop_check', 'running', 1, 'dead-host:1', UTC_TIMESTAMP() - INTERVAL 5 SECOND, UTC_TIMESTAMP() - INTERVAL 60 SECOND)`);
  sql(`INSERT INTO sync_jobs (merchant_id, connection_id, kind, state, attempts, lease_owner, lease_expires_at, started_at)
       VALUES (${m.merchant.id}, 0, 'shop_check', 'running', 1, 'busy-host:1', UTC_TIMESTAMP() + INTERVAL 1 HOUR, UTC_TIMESTAMP())`);
  if (workers.length === 0) startWorker();
  await eventually(() => sql(`SELECT COUNT(*) FROM sync_jobs WHERE merchant_id = ${m.merchant.id} AND state = 'done'`)[0][0] === '1',
    'the dead worker\'s job to be finished');
  const [[state, attempts, owner]] = sql(`SELECT state, attempts, lease_owner FROM sync_jobs WHERE merchant_id = ${m.merchant.id} AND state = 'done'`);
  assert.equal(state, 'done');
  assert.equal(attempts, '2');
  assert.equal(owner, null);
  const [[busy]] = sql(`SELECT state FROM sync_jobs WHERE merchant_id = ${m.merchant.id} AND lease_owner = 'busy-host:1'`);
  assert.equal(busy, 'running', 'a job under a live lease is left alone');
});

test('workers stop cleanly on SIGTERM', async () => {
  const p = startWorker();
  await eventually(() => p.log.includes('event=start'), 'the worker to start');
  p.kill('SIGTERM');
  const [code] = await once(p, 'exit');
  assert.equal(code, 0);
  assert.ok(!/Sanitizer|runtime error/.test(p.log), p.log);
});
