// Percentiles, formatting and the layer breakdowns read from the stack's own logs and MariaDB's counters.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

// Nearest-rank percentile of an ascending array.
export function pct(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summary(values) {
  const s = [...values].sort((a, b) => a - b);
  const sum = s.reduce((x, y) => x + y, 0);
  return { n: s.length, min: s[0], p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: s[s.length - 1], mean: s.length ? sum / s.length : NaN, sum };
}

export const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : String(x));
export const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '-');
export const sleep = (t) => new Promise((r) => setTimeout(r, t));

// key=value log lines of the backend (ts=… level=… event=… k=v k="v v") between two wall-clock times.
export function logEvents(file, event, fromMs, toMs) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out = [];
  const tag = ` event=${event} `;
  for (const line of text.split('\n')) {
    if (!line.includes(tag)) continue;
    const ts = Date.parse(line.slice(3, line.indexOf(' ')));
    if (!(ts >= fromMs && ts <= toMs)) continue;
    const kv = { ts };
    for (const m of line.matchAll(/(\w+)=("([^"]*)"|\S+)/g)) if (m[1] !== 'ts') kv[m[1]] = m[3] !== undefined ? m[3] : m[2];
    out.push(kv);
  }
  return out;
}

const DB_COUNTERS = [
  'Questions', 'Com_select', 'Com_insert', 'Com_update', 'Com_delete', 'Com_commit', 'Com_stmt_execute',
  'Handler_write', 'Handler_update', 'Handler_read_key', 'Innodb_data_fsyncs', 'Innodb_log_writes',
  'Innodb_os_log_written', 'Innodb_data_written', 'Slow_queries',
  'Com_begin', 'Com_rollback', 'Handler_read_next', 'Handler_read_rnd_next', 'Innodb_row_lock_waits', 'Innodb_row_lock_time', 'Innodb_deadlocks',
  'Innodb_buffer_pool_reads', 'Innodb_buffer_pool_read_requests', 'Innodb_buffer_pool_wait_free', 'Innodb_data_read',
];

// MariaDB's global counters (through the stack's socket).
export function dbStatus(socket) {
  if (!socket) return {};
  try {
    const list = DB_COUNTERS.map((c) => `'${c}'`).join(',');
    const out = execFileSync(
      'mariadb',
      ['--no-defaults', `--socket=${socket}`, '--user=root', '-N', '-B', '-e', `SHOW GLOBAL STATUS WHERE Variable_name IN (${list})`],
      { encoding: 'utf8', timeout: 10000 },
    );
    const r = {};
    for (const l of out.trim().split('\n')) {
      const [k, v] = l.split('\t');
      r[k] = Number(v);
    }
    return r;
  } catch {
    return {};
  }
}

export function dbQuery(socket, database, sql) {
  return execFileSync('mariadb', ['--no-defaults', `--socket=${socket}`, '--user=root', '-N', '-B', database, '-e', sql], {
    encoding: 'utf8',
    timeout: 20000,
  });
}
