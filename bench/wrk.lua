-- wrk script of the bench's read path: the bearer token from TTS_BENCH_TOKEN (if set), and one JSON line
-- ("WRKJSON {...}") with the counts and latency percentiles (microseconds) for bench/lib/wrk.mjs to read.
local token = os.getenv("TTS_BENCH_TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
-- TTS_BENCH_FRESH=1: every request asks for the stored data itself, past the api workers' read cache
if os.getenv("TTS_BENCH_FRESH") == "1" then
  wrk.headers["Cache-Control"] = "no-cache"
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"status_errors":%d,"connect_errors":%d,' ..
    '"read_errors":%d,"write_errors":%d,"timeouts":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
