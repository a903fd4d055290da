// API tests of the health check and the OpenAPI document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/client.mjs';

test('health checks the database', async () => {
  const res = await api('GET', '/api/v1/health');
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, { status: 'ok', db: 'ok' });
});

test('the OpenAPI 3.1 document is served and lists the auth endpoints', async () => {
  const res = await api('GET', '/api/v1/openapi.json');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /application\/json/);
  assert.equal(res.json.openapi, '3.1.0');
  for (const p of ['/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/auth/me', '/api/v1/api-tokens/{id}']) {
    assert.ok(res.json.paths[p], `${p} documented`);
  }
});
