// The bench's throughput counts only 2xx answers: wrk (bench/lib/wrk.mjs with bench/wrk.lua) against a local server
// that answers 200, 429 or 503 by path, and against the test stack's nginx for a 401.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { wrk } from '../../bench/lib/wrk.mjs';
import { BASE_URL } from './lib/client.mjs';

let server;
let base;
before(async () => {
  const codes = { '/ok': 200, '/busy': 429, '/down': 503 };
  server = createServer((req, res) => {
    res.writeHead(codes[req.url] || 404, { 'content-type': 'application/json' });
    res.end('{}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server?.close());

const run = (url) => wrk({ url, connections: 2, threads: 1, seconds: 1 });

test('answers of 200 are throughput, each counted once', async () => {
  const r = await run(`${base}/ok`);
  assert.ok(r.requests > 0 && r.ok === r.requests, JSON.stringify(r));
  assert.ok(r.rps > 0);
  assert.deepEqual([r.errors, r.refused429, r.refused503], [0, 0, 0]);
});

test('429 and 503 are refusals, counted apart, never throughput', async () => {
  for (const [path, key] of [['/busy', 'refused429'], ['/down', 'refused503']]) {
    const r = await run(`${base}${path}`);
    assert.ok(r.requests > 0, JSON.stringify(r));
    assert.deepEqual([r.ok, r.rps, r[key], r.statusErrors], [0, 0, r.requests, r.requests], `${path}: ${JSON.stringify(r)}`);
  }
});

test('a 401 of the app through nginx is an error with no throughput', async () => {
  const r = await run(`${BASE_URL}/api/v1/orders`);
  assert.ok(r.requests > 0);
  assert.deepEqual([r.ok, r.rps, r.statusErrors], [0, 0, r.requests], JSON.stringify(r));
});
