// The backfill's slope: its rate per successive segment of orders, where each segment's time went (TikTok calls,
// the sandbox, the rest; MariaDB's reads from disk), and the sync worker's resident memory over the whole run.
import os from 'node:os';
import { cpuSnapshot, cpuDelta, machineCpu, rssKiB } from './procstat.mjs';
import { dbStatus, dbQuery, fmt } from './stats.mjs';

export const TARGET_SLOPE = 0.2; // the last segment's rate within 20 % of the first's

// Segments of 100,000 orders; a smaller backfill is cut in five so that it still shows a slope.
export function segmentSize(orders) {
  return orders >= 500000 ? 100000 : Math.max(1000, Math.round(orders / 5000) * 1000);
}

// The server's settings that decide how much of the tables stays in memory and how often it writes to disk.
export function dbSettings(socket) {
  try {
    const [pool, log, flush, binlog] = dbQuery(socket, 'information_schema',
      'SELECT @@innodb_buffer_pool_size, @@innodb_log_file_size, @@innodb_flush_log_at_trx_commit, @@log_bin').trim().split('\t').map(Number);
    return { pool, log, flush, binlog };
  } catch {
    return null;
  }
}

export function settingsText(s) {
  if (!s) return 'unknown';
  return `buffer pool ${fmt(s.pool / 1073741824, 1)} GiB, redo log ${fmt(s.log / 1048576, 0)} MiB, ` +
    `flush_log_at_trx_commit ${s.flush}, binary log ${s.binlog ? 'on' : 'off'}`;
}

export class IngestProbe {
  constructor({ runDir, socket, orders }) {
    this.runDir = runDir;
    this.socket = socket;
    this.orders = orders;
    this.seg = segmentSize(orders);
    this.marks = [{ t: 0, done: 0, db: dbStatus(socket), cpu: cpuSnapshot(runDir), mc: machineCpu() }];
    this.rss = [];
    this.lastRss = -Infinity;
    this.load = os.loadavg();
  }

  // One progress sample (t in ms since the click): marks each segment boundary crossed, and the memory each second.
  sample(t, done) {
    if (t - this.lastRss >= 1000) {
      this.lastRss = t;
      const r = rssKiB(this.runDir, 'tts-sync');
      if (r) this.rss.push({ t, done, kib: r.total });
    }
    const prev = this.marks[this.marks.length - 1];
    if (done >= prev.done + this.seg || (done >= this.orders && prev.done < this.orders)) {
      // the crossing time is interpolated between this sample and the one before it
      const at = prev.done + this.seg <= done ? prev.done + this.seg : done;
      const before = this.prevSample || { t: 0, done: 0 };
      const tx = done > before.done ? before.t + ((t - before.t) * (at - before.done)) / (done - before.done) : t;
      this.marks.push({ t: tx, done: at, db: dbStatus(this.socket), cpu: cpuSnapshot(this.runDir), mc: machineCpu() });
    }
    this.prevSample = { t, done };
  }

  // Per segment: rate, share of TikTok calls and the sandbox, MariaDB's disk reads and CPU.
  segments(calls, served) {
    const out = [];
    for (let i = 1; i < this.marks.length; i++) {
      const a = this.marks[i - 1];
      const b = this.marks[i];
      const s = (b.t - a.t) / 1000;
      // the pages of this segment: calls whose orders lie in (a.done, b.done]
      const first = Math.floor(a.done / 100);
      const last = Math.ceil(b.done / 100);
      const seg = calls.slice(first, last);
      const httpS = seg.reduce((x, e) => x + Number(e.ms), 0) / 1000;
      const from = seg.length ? seg[0].ts - Number(seg[0].ms) : 0;
      const to = seg.length ? seg[seg.length - 1].ts : 0;
      const sandboxS = served.filter((e) => e.ts >= from && e.ts <= to + 5).reduce((x, e) => x + Number(e.ms), 0) / 1000;
      const dq = (k) => (b.db[k] !== undefined && a.db[k] !== undefined ? b.db[k] - a.db[k] : NaN);
      const cpu = cpuDelta(a.cpu, b.cpu);
      const mtotal = b.mc.total - a.mc.total;
      out.push({
        from: a.done, to: b.done, s, rate: (b.done - a.done) / s, httpS, sandboxS,
        diskReads: dq('Innodb_buffer_pool_reads'), readRequests: dq('Innodb_buffer_pool_read_requests'),
        waitFree: dq('Innodb_buffer_pool_wait_free'), fsyncs: dq('Innodb_data_fsyncs'),
        mariadbCpu: cpu.mariadbd, sandboxCpu: cpu['tts-sandbox'], syncCpu: cpu['tts-sync'],
        iowait: mtotal > 0 ? (b.mc.iowait - a.mc.iowait) / mtotal : NaN,
      });
    }
    return out;
  }

  // The resident memory: start (first sample), middle, end, the most, and whether it stayed flat.
  memory() {
    if (this.rss.length < 2) return null;
    const kib = this.rss.map((r) => r.kib);
    const third = Math.max(1, Math.floor(kib.length / 3));
    const early = Math.max(...kib.slice(0, third));
    const late = Math.max(...kib.slice(kib.length - third));
    const r = {
      start: kib[0], middle: kib[Math.floor(kib.length / 2)], end: kib[kib.length - 1], max: Math.max(...kib),
      samples: kib.length, early, late,
    };
    // flat: the last third's peak at most 5 % (and 1 MiB) above the first third's: no growth with the orders stored
    r.flat = late <= early * 1.05 + 1024;
    return r;
  }

  report(log, calls, served) {
    const segs = this.segments(calls, served);
    log(`  rate per ${this.seg.toLocaleString('en')} orders (from the job's progress, polled every 50 ms):`);
    log('    orders              s   orders/s   TikTok  sandbox     rest   disk reads  iowait  CPU s: mariadbd sandbox sync');
    for (const g of segs) {
      const rest = g.s - g.httpS;
      log(`    ${`${fmt(g.from / 1000)}k-${fmt(g.to / 1000)}k`.padEnd(14)} ${fmt(g.s, 1).padStart(6)} ${fmt(g.rate).padStart(10)} ` +
        `${fmt(g.httpS, 1).padStart(7)}s ${fmt(g.sandboxS, 1).padStart(7)}s ${fmt(rest, 1).padStart(7)}s ` +
        `${fmt(g.diskReads).padStart(12)} ${fmt(100 * g.iowait, 0).padStart(6)}%  ` +
        `${fmt(g.mariadbCpu, 1).padStart(15)} ${fmt(g.sandboxCpu, 1).padStart(7)} ${fmt(g.syncCpu, 1).padStart(4)}`);
    }
    const first = segs[0];
    const lastSeg = segs[segs.length - 1];
    const drop = first && lastSeg ? 1 - lastSeg.rate / first.rate : NaN;
    if (segs.length > 1) {
      log(`  first ${fmt(first.to / 1000)}k at ${fmt(first.rate)} orders/s, last at ${fmt(lastSeg.rate)} orders/s: ` +
        `${drop >= 0 ? `${fmt(100 * drop, 0)} % slower` : `${fmt(-100 * drop, 0)} % faster`}`);
    }
    const mem = this.memory();
    if (mem) {
      const mib = (k) => `${fmt(k / 1024, 1)} MiB`;
      log(`  tts-sync resident memory (${mem.samples} samples, one a second): start ${mib(mem.start)}, middle ${mib(mem.middle)}, ` +
        `end ${mib(mem.end)}, most ${mib(mem.max)}: ${mem.flat ? 'flat' : 'GROWS'} (first third's peak ${mib(mem.early)}, last third's ${mib(mem.late)})`);
    }
    return { segs, first, last: lastSeg, drop, mem, seg: this.seg, load: this.load };
  }
}

// The largest tables of both databases (data + indexes), as InnoDB reports them: what competes for the buffer pool.
export function tableSizes(socket, log, limit = 10) {
  try {
    const rows = dbQuery(socket, 'information_schema',
      'SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH, INDEX_LENGTH FROM TABLES ' +
      "WHERE ENGINE = 'InnoDB' AND TABLE_SCHEMA NOT IN ('mysql') ORDER BY DATA_LENGTH + INDEX_LENGTH DESC LIMIT " + limit)
      .trim().split('\n').map((l) => l.split('\t'));
    const mib = (x) => fmt(Number(x) / 1048576, 0);
    log('  largest tables (data + secondary indexes, MiB; rows estimated by InnoDB):');
    for (const [db, t, n, d, ix] of rows) log(`    ${`${db}.${t}`.padEnd(36)} ${mib(d).padStart(6)} + ${mib(ix).padStart(5)}   ~${n} rows`);
  } catch {
    log('  (table sizes unavailable)');
  }
}
