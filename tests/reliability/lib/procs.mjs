// The test stack's own processes, for the reliability tests: pids, SIGKILL, restarts through the stack's scripts, health.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, readdirSync } from 'node:fs';
import { api } from '../../api/lib/client.mjs';
import { eventually } from '../../api/lib/db.mjs';

const RUN_DIR = process.env.TTS_RUN_DIR;
const ROOT = process.env.TTS_ROOT;

// The pid recorded in the stack's pid file of `name` (tts-api, tts-sync, tts-sandbox, mariadbd, nginx).
export function pidOf(name) {
  if (!RUN_DIR) throw new Error('TTS_RUN_DIR must be set (scripts/test.sh exports it)');
  return Number(readFileSync(`${RUN_DIR}/${name}.pid`, 'utf8').trim());
}

// The process's state letter from /proc (null when it is gone); a zombie counts as gone.
function state(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: rest[0], ppid: Number(rest[1]) };
  } catch {
    return null;
  }
}

export function alive(pid) {
  const s = state(pid);
  return s !== null && s.state !== 'Z';
}

// The live children of `parent` (the prefork workers of tts-api).
export function childrenOf(parent) {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = state(Number(d));
    if (s && s.ppid === parent && s.state !== 'Z') out.push(Number(d));
  }
  return out.sort((a, b) => a - b);
}

// The worker is inside a request: not waiting for the next one (/proc/PID/syscall): in ppoll(2) on the listening
// socket, where an api worker waits with its stop signals let in, or in accept(2)/accept4(2).
const WAITING = new Set(['271', '43', '288']); // x86_64: ppoll, accept, accept4
export function busy(pid) {
  try {
    const nr = readFileSync(`/proc/${pid}/syscall`, 'utf8').split(' ')[0];
    return !WAITING.has(nr);
  } catch {
    return false;
  }
}

// SIGKILL, then waits until the process is gone.
export async function killHard(pid, what = `pid ${pid}`) {
  process.kill(pid, 'SIGKILL');
  await eventually(() => !alive(pid), `${what} to die`, { timeoutMs: 10000, everyMs: 20 });
}

// Runs a function of the stack's scripts (scripts/stack.sh sources db.sh, services.sh, nginx.sh) in this stack's
// env; asynchronous, so the test's own traffic keeps being measured while it runs.
export async function stackScript(command) {
  if (!ROOT) throw new Error('TTS_ROOT must be set (scripts/test.sh exports it)');
  const { stdout } = await promisify(execFile)('bash', ['-c', `source scripts/stack.sh && ${command}`], {
    cwd: ROOT, env: process.env, encoding: 'utf8', timeout: 90000,
  });
  return stdout;
}

export const startSync = () => stackScript('svc_start tts-sync');
export const stopDb = () => stackScript('db_stop');
export const startDb = () => stackScript('db_start && db_wait 60');

// Waits until /api/v1/health answers 200 with the database up.
export async function healthy(timeoutMs = 60000) {
  await eventually(async () => {
    try {
      const h = await api('GET', '/api/v1/health');
      return h.status === 200 && h.json.db === 'ok';
    } catch {
      return false;
    }
  }, 'the app to be healthy', { timeoutMs, everyMs: 100 });
}
