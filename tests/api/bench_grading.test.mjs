// The bench's throughput counts only 2xx answers: wrk (bench/lib/wrk.mjs with bench/wrk.lua) against a local server
// that answers 200, 429 or 503 by path, and against the test stack's nginx for a 401; the varied and live figures'
// paths drawn from a list, the read cache's hits counted; the grades of bench/lib/grade.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { wrk } from '../../bench/lib/wrk.mjs';
import { TARGETS, grade } from '../../bench/lib/grade.mjs';
import { BASE_URL } from './lib/client.mjs';

let server;
let base;
const seen = new Set();
before(async () => {
  const codes = { '/ok': 200, '/busy': 429, '/down': 503 };
  server = createServer((req, res) => {
    const [path, query] = req.url.split('?');
    if (path === '/many') seen.add(query);
    const hit = path === '/many' && Number(new URLSearchParams(query).get('n')) % 2 === 0; // the even ones "from the cache"
    res.writeHead(path === '/many' ? 200 : codes[path] || 404,
      { 'content-type': 'application/json', ...(hit ? { 'X-Read-Cache': 'hit' } : {}) });
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

test('varied: each request asks one of the listed paths at random; the read cache\'s hits are counted among the 2xx', async () => {
  const paths = Array.from({ length: 8 }, (_, i) => `/many?n=${i}`);
  const r = await wrk({ url: base, paths, connections: 2, threads: 1, seconds: 1 });
  assert.ok(r.requests > 50 && r.ok === r.requests, JSON.stringify(r));
  assert.deepEqual([...seen].sort(), paths.map((p) => p.split('?')[1]).sort(), 'every listed path asked, and nothing else');
  assert.ok(r.hits > 0 && r.hits < r.ok && Math.abs(r.hitRate - 0.5) < 0.2, JSON.stringify(r));
});

test('grading: a figure passes at its share of the floor within its p99; refusals and errors never pass', () => {
  const fine = { ok: 1000, rps: 100, p99: 50, errors: 0 };
  for (const kind of ['repeat', 'fresh', 'varied', 'live']) {
    const t = TARGETS[kind];
    assert.deepEqual(grade(kind, fine, 100 / t.ratio), { ratio: t.ratio, pass: true }, kind);
    assert.equal(grade(kind, fine, 100 / t.ratio + 1).pass, false, `${kind}: below its share`);
    assert.equal(grade(kind, { ...fine, p99: t.p99 + 1 }, 100).pass, false, `${kind}: p99 over ${t.p99} ms`);
    // 429s only: no throughput, never a pass (a merchant alone on the server is never refused)
    assert.deepEqual(grade(kind, { ok: 0, rps: 0, p99: 1, errors: 500, refused429: 500 }, 100), { ratio: 0, pass: false });
    assert.equal(grade(kind, { ...fine, errors: 1, refused503: 1 }, 100).pass, false, `${kind}: a 503 among them`);
  }
  assert.deepEqual([TARGETS.fresh.ratio, TARGETS.varied.ratio, TARGETS.live.ratio, TARGETS.live.p99], [0.1, 0.2, 0.1, 150]);
});
