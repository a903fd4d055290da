-- wrk script of the bench's read path: the bearer token from TTS_BENCH_TOKEN (if set), each answer counted by its
-- status class and whether the api worker's read cache answered it (X-Read-Cache: hit), and one JSON line
-- ("WRKJSON {...}") with the counts and latency percentiles (microseconds) for bench/lib/wrk.mjs to read. Only 2xx
-- answers are throughput: a 429 or a 503 is a refusal, counted apart. TTS_BENCH_PATHS names a file of paths, one a
-- line: each request then asks one of them, drawn at random (many screens' different URLs of the same kind).
local token = os.getenv("TTS_BENCH_TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
-- TTS_BENCH_FRESH=1: every request asks for the stored data itself, past the api workers' read cache
if os.getenv("TTS_BENCH_FRESH") == "1" then
  wrk.headers["Cache-Control"] = "no-cache"
end

local paths = {}
local list = os.getenv("TTS_BENCH_PATHS")
if list ~= nil and list ~= "" then
  for line in io.lines(list) do
    if line ~= "" then
      table.insert(paths, line)
    end
  end
end

-- Each thread counts its answers; done() sums the threads.
local threads = {}
local next_id = 0
function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  ok, refused429, refused503, other, hits = 0, 0, 0, 0, 0
  math.randomseed(os.time() * 1000 + id)
end

if #paths > 0 then
  function request()
    return wrk.format(nil, paths[math.random(#paths)])
  end
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
    if headers["X-Read-Cache"] == "hit" or headers["x-read-cache"] == "hit" then
      hits = hits + 1
    end
  elseif status == 429 then
    refused429 = refused429 + 1
  elseif status == 503 then
    refused503 = refused503 + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local n = { ok = 0, r429 = 0, r503 = 0, other = 0, hits = 0 }
  for _, t in ipairs(threads) do
    n.ok = n.ok + t:get("ok")
    n.r429 = n.r429 + t:get("refused429")
    n.r503 = n.r503 + t:get("refused503")
    n.other = n.other + t:get("other")
    n.hits = n.hits + t:get("hits")
  end
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"status_errors":%d,"connect_errors":%d,' ..
    '"read_errors":%d,"write_errors":%d,"timeouts":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f,' ..
    '"ok":%d,"r429":%d,"r503":%d,"other":%d,"hits":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    n.ok, n.r429, n.r503, n.other, n.hits))
end
