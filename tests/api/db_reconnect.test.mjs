// The database layer reconnects and prepares its statements again after losing its connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant } from './lib/client.mjs';
import { sql } from './lib/db.mjs';

test('every worker answers again after the server dropped all its connections', async () => {
  const m = await newMerchant('reconnect');
  // Warm every worker so each holds a connection with prepared statements.
  for (let i = 0; i < 12; i++) assert.equal((await api('GET', '/api/v1/auth/me', { token: m.token })).status, 200);
  const ids = sql(`SELECT id FROM information_schema.processlist WHERE db = '${process.env.TTS_DB_NAME || 'tts'}' AND id <> CONNECTION_ID()`);
  assert.ok(ids.length >= 1, 'the workers hold connections');
  for (const [id] of ids) sql(`KILL CONNECTION ${id}`);
  for (let i = 0; i < 12; i++) {
    const me = await api('GET', '/api/v1/auth/me', { token: m.token });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.user.id, m.user.id);
  }
  const health = await api('GET', '/api/v1/health');
  assert.deepEqual(health.json, { status: 'ok', db: 'ok' });
});
