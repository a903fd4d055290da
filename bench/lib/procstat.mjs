// CPU time of the stack's processes from /proc, grouped by component: each process the scripts start
// (pid files in $TTS_RUN_DIR) runs in a session of its own, so its workers share its process group.
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const TICK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

const COMPONENTS = ['mariadbd', 'tts-sandbox', 'tts-api', 'tts-sync', 'nginx', 'tts-floor'];

function groups(runDir) {
  const g = new Map();
  for (const name of COMPONENTS) {
    try {
      const pid = Number(readFileSync(`${runDir}/${name}.pid`, 'utf8').trim());
      if (pid > 0) g.set(pid, name);
    } catch {
      /* not running */
    }
  }
  return g;
}

// {component: cpu seconds (user+system, children that exited included)} right now.
export function cpuSnapshot(runDir) {
  const g = groups(runDir);
  const out = Object.fromEntries(COMPONENTS.map((c) => [c, 0]));
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let line;
    try {
      line = readFileSync(`/proc/${d}/stat`, 'utf8');
    } catch {
      continue;
    }
    const f = line.slice(line.lastIndexOf(')') + 2).split(' ');
    // f[0]=state f[2]=pgrp f[11]=utime f[12]=stime f[13]=cutime f[14]=cstime
    const name = g.get(Number(f[2]));
    if (!name) continue;
    out[name] += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICK;
  }
  const me = process.cpuUsage();
  out['bench (node)'] = (me.user + me.system) / 1e6;
  return out;
}

export function cpuDelta(a, b) {
  const d = {};
  for (const k of Object.keys(b)) d[k] = b[k] - (a[k] || 0);
  return d;
}

// Whole-machine CPU (all processes, other stacks included) from /proc/stat: [busy, total] seconds.
export function machineCpu() {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = cpu[3] + (cpu[4] || 0);
  const total = cpu.slice(0, 8).reduce((s, x) => s + x, 0);
  return { busy: (total - idle) / TICK, total: total / TICK, iowait: (cpu[4] || 0) / TICK };
}

// Resident memory of one component right now (its process group, as cpuSnapshot groups them): the sum and the
// largest process in KiB, from /proc/PID/status VmRSS.
export function rssKiB(runDir, name) {
  let leader;
  try {
    leader = Number(readFileSync(`${runDir}/${name}.pid`, 'utf8').trim());
  } catch {
    return null;
  }
  let total = 0;
  let max = 0;
  let procs = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let st;
    let status;
    try {
      st = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[2]) !== leader) continue;
      status = readFileSync(`/proc/${d}/status`, 'utf8');
    } catch {
      continue;
    }
    const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
    if (!m) continue;
    const kib = Number(m[1]);
    total += kib;
    max = Math.max(max, kib);
    procs++;
  }
  return procs ? { total, max, procs } : null;
}

// The stack's recorded processes that are not alive any more (a bench whose stack was stopped from
// outside measures nothing): [name, pid] pairs.
export function deadProcesses(runDir) {
  const dead = [];
  for (const [pid, name] of groups(runDir)) {
    let alive = false;
    try {
      const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
      alive = st.slice(st.lastIndexOf(')') + 2, st.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      alive = false;
    }
    if (!alive) dead.push([name, pid]);
  }
  return dead;
}

// Memory (KiB) of a component's workers, the members of its process group but its master: {pid: {rss, own}}. rss is
// the resident size, which counts the pages the workers share with each other (the api workers' one read cache, a
// shared mapping: RssShmem) whole in each; own counts those a worker's share only (RssAnon + RssFile + RssShmem / the
// number of workers), so the workers' figures add up to what they take together.
export function workersRss(runDir, name) {
  const leader = [...groups(runDir)].find(([, n]) => n === name)?.[0];
  const found = {};
  if (!leader) return found;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === leader) continue;
    try {
      const line = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(line.slice(line.lastIndexOf(')') + 2).split(' ')[2]) !== leader) continue;
      const status = readFileSync(`/proc/${d}/status`, 'utf8');
      const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
      found[d] = { rss: kib('VmRSS'), anon: kib('RssAnon'), file: kib('RssFile'), shmem: kib('RssShmem') };
    } catch {
      /* gone meanwhile */
    }
  }
  const n = Object.keys(found).length;
  const out = {};
  for (const [pid, m] of Object.entries(found))
    if (!Number.isNaN(m.rss + m.anon + m.file + m.shmem)) out[pid] = { rss: m.rss, own: m.anon + m.file + m.shmem / n };
  return out;
}
