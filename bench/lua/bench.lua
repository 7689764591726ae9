-- One wrk script for every scenario:
--   wrk -t THREADS -s bench.lua URL -- MODE SLUG RUN TOKENS DELAY_MS THREADS
-- MODE: get PATH | sign-api | sign-form | confirm. Every email is unique across threads
-- (RUN, a tag unique to the scenario and run, the thread's number and a counter); confirm takes the tokens file's lines in turn,
-- thread t taking lines t, t + n, t + 2n... Prints one JSON line with the status counts.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local CSRF = "benchbenchbenchbenchbenchbench12" -- 32 characters: an unmasked CSRF secret
local mode, slug, run, delay_ms
local tokens = {}
ok, bad, statuses = 0, 0, {} -- globals: done() reads them with thread:get()

function init(args)
  mode, slug, run = args[1], args[2], args[3]
  delay_ms = tonumber(args[5] or "0") or 0
  -- wrk runs each thread's init() as soon as that thread exists: the count comes as an argument.
  nthreads = tonumber(args[6])
  if mode == "confirm" then
    local i = 0
    for line in io.lines(args[4]) do
      if i % nthreads == id - 1 then table.insert(tokens, line) end
      i = i + 1
    end
  end
end

local function email()
  counter = counter + 1
  return string.format("%s-%d-%d@example.org", run, id, counter)
end

-- Each signature comes from its own /24 (the app counts attempts per network and asks for a
-- proof of work past a few): many people signing once each, as when a letter spreads. The
-- server runs with BEHIND_PROXY=true and takes the address from X-Forwarded-For.
local function client()
  local n = counter * nthreads + id
  return string.format("10.%d.%d.1", n % 256, math.floor(n / 256) % 256)
end

function request()
  if mode == "sign-api" then
    local body = string.format(
      '{"name":"Bench Signer %d","email":"%s","display":"full","consent":true}', counter, email())
    return wrk.format("POST", "/api/v1/letters/" .. slug .. "/signatures",
      {["Content-Type"] = "application/json", ["X-Forwarded-For"] = client()}, body)
  elseif mode == "sign-form" then
    local body = "name=Bench+Signer&email=" .. email():gsub("@", "%%40")
      .. "&display=full&consent=on&csrfmiddlewaretoken=" .. CSRF
    return wrk.format("POST", "/l/" .. slug .. "/",
      {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "csrftoken=" .. CSRF,
       ["X-Forwarded-For"] = client()},
      body)
  elseif mode == "confirm" then
    counter = counter + 1
    local token = tokens[(counter - 1) % #tokens + 1]
    return wrk.format("POST", "/l/" .. slug .. "/confirm/" .. token .. "/",
      {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "csrftoken=" .. CSRF},
      "csrfmiddlewaretoken=" .. CSRF)
  else -- get: args[2] is the path
    return wrk.format("GET", slug)
  end
end

function delay()
  return delay_ms
end

function response(status, headers, body)
  if status >= 200 and status < 400 then ok = ok + 1 else bad = bad + 1 end
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local ok_total, bad_total, counts = 0, 0, {}
  for _, t in ipairs(threads) do
    ok_total = ok_total + t:get("ok")
    bad_total = bad_total + t:get("bad")
    local s = t:get("statuses")
    for code, n in pairs(s) do counts[code] = (counts[code] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(counts) do table.insert(parts, string.format('"%d":%d', code, n)) end
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"ok":%d,"bad":%d,"socket_errors":%d,'
    .. '"timeouts":%d,"p50_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f,"statuses":{%s}}\n',
    summary.requests, summary.duration, ok_total, bad_total,
    summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, table.concat(parts, ",")))
end
