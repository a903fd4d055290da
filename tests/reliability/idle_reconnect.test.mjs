// An api worker whose database connection died while it was idle reconnects even when its next statement is one it
// has never prepared (the prepare, not an execute, is then the first call to meet the dead connection).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant } from '../api/lib/client.mjs';
import { sql, eventually } from '../api/lib/db.mjs';
import { pidOf, childrenOf, killHard } from './lib/procs.mjs';

const WORKERS = Number(process.env.TTS_API_WORKERS || 3);

test('after the server drops every connection, a worker\'s first statement is a fresh prepare and still answers', async () => {
  // Fresh workers: none has prepared anything yet (each prepares a statement the first time it runs it).
  const parent = pidOf('tts-api');
  for (const w of childrenOf(parent)) await killHard(w, `api worker ${w}`);
  await eventually(() => childrenOf(parent).length === WORKERS, 'the parent to start new workers', { timeoutMs: 10000, everyMs: 20 });
  // Each new worker connects and answers a request that does not prepare the health check's statement.
  const m = await newMerchant('idle-reconnect');
  for (let i = 0; i < 4 * WORKERS; i++) assert.equal((await api('GET', '/api/v1/auth/me', { token: m.token })).status, 200);
  const ids = sql(`SELECT id FROM information_schema.processlist WHERE db = '${process.env.TTS_DB_NAME || 'tts'}' AND id <> CONNECTION_ID()`);
  assert.ok(ids.length >= 1, 'the workers hold connections');
  for (const [id] of ids) sql(`KILL CONNECTION ${id}`);
  // The health check's statement was never prepared on these connections: its prepare meets the dead connection.
  for (let i = 0; i < 4 * WORKERS; i++) {
    const health = await api('GET', '/api/v1/health');
    assert.deepEqual(health.json, { status: 'ok', db: 'ok' }, `request ${i}`);
  }
});
