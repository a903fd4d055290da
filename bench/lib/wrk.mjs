// Runs wrk (Debian's package) against one URL, or paths drawn at random from a list, with bench/wrk.lua and returns
// its figures: 2xx answers per second (a 429 or 503 is a refusal, not throughput: counted apart), the share of them the
// api workers' read cache answered, latency percentiles in ms, the bytes per answer and every kind of error it counted.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../wrk.lua', import.meta.url));

// wrk({url, paths, token, connections, threads, seconds, timeoutS, fresh}) → {rps (2xx only), p50, p90, p99, max,
// requests, ok, hits, hitRate, refused429, refused503, errors, ...};
// paths: each request asks one of them (path and query, on url's host) drawn at random, instead of url itself;
// fresh: every request sends Cache-Control: no-cache (read from the database, not the api workers' read cache)
export function wrk({ url, paths = null, token = '', connections = 32, threads = 2, seconds = 10, timeoutS = 30, fresh = false }) {
  const args = ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--timeout', `${timeoutS}s`, '-s', SCRIPT, url];
  let dir = null;
  const env = { ...process.env, TTS_BENCH_TOKEN: token, TTS_BENCH_FRESH: fresh ? '1' : '0', TTS_BENCH_PATHS: '' };
  if (paths && paths.length) {
    dir = mkdtempSync(join(tmpdir(), 'tts-wrk-'));
    env.TTS_BENCH_PATHS = join(dir, 'paths.txt');
    writeFileSync(env.TTS_BENCH_PATHS, `${paths.join('\n')}\n`);
  }
  return new Promise((resolve, reject) => {
    const p = spawn('wrk', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('close', (code) => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      const line = out.split('\n').find((l) => l.startsWith('WRKJSON '));
      if (code !== 0 || !line) {
        reject(new Error(`wrk ${args.join(' ')} exited ${code}: ${out.slice(-500)}`));
        return;
      }
      const j = JSON.parse(line.slice(8));
      const errors = j.status_errors + j.connect_errors + j.read_errors + j.write_errors + j.timeouts;
      if (j.requests === 0) Object.assign(j, { p50_us: Infinity, p90_us: Infinity, p99_us: Infinity, max_us: Infinity }); // none answered in time
      resolve({
        requests: j.requests, seconds: j.duration_us / 1e6, rps: j.ok / (j.duration_us / 1e6), ok: j.ok,
        hits: j.hits, hitRate: j.ok ? j.hits / j.ok : 0, refused429: j.r429, refused503: j.r503,
        bytesPerAnswer: j.requests ? j.bytes / j.requests : 0, p50: j.p50_us / 1000, p90: j.p90_us / 1000,
        p99: j.p99_us / 1000, max: j.max_us / 1000, mean: j.mean_us / 1000, errors, statusErrors: j.status_errors,
        timeouts: j.timeouts, socketErrors: j.connect_errors + j.read_errors + j.write_errors,
      });
    });
  });
}
