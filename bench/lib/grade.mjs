// The read path's targets and their grading: a figure passes when its 2xx answers per second reach its share of the
// floor measured in the same run, its p99 is within bound and nothing failed (a 429 or 503 refusal is never
// throughput and fails the figure: a merchant alone on the server is never refused).
export const TARGETS = {
  repeat: { ratio: 0.2, p99: 100, label: 'repeat (read cache)' }, // the same URL again
  fresh: { ratio: 0.1, p99: 100, label: 'fresh (database)' },      // Cache-Control: no-cache, every answer read
  varied: { ratio: 0.2, p99: 100, label: 'varied' },               // 400 different URLs of the same kind
  live: { ratio: 0.1, p99: 150, label: 'live' },                   // varied while orders stream in
};

// w: a result of lib/wrk.mjs; floorRps: the floor's req/s. {ratio, pass}
export function grade(kind, w, floorRps) {
  const t = TARGETS[kind];
  const ratio = floorRps > 0 ? w.rps / floorRps : 0;
  return { ratio, pass: w.ok > 0 && w.errors === 0 && ratio >= t.ratio && w.p99 <= t.p99 };
}
