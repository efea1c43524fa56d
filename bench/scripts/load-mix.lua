-- wrk script for bench/scripts/load.sh: a signed-in park manager's mix of pages and API calls, chosen at random per
-- request. The session cookie comes from the environment (ZJ_LOAD_COOKIE). Prints the figures as one line per run.
local cookie = os.getenv("ZJ_LOAD_COOKIE")
local paths = {
  -- pages (server-rendered Blazor)
  "/", "/parks", "/plans", "/enterprises", "/calendar", "/linkage",
  -- API calls
  "/api/v1/parks", "/api/v1/parks/yangpu", "/api/v1/plans", "/api/v1/enterprises?q=%E7%A4%BA%E4%BE%8B",
  "/api/v1/enterprises?park=yangpu&page=2", "/api/v1/evaluation/rounds", "/api/v1/calendar", "/api/v1/linkage",
  "/api/v1/cultivation/report?park=yangpu", "/api/v1/enterprise-statistics/rollup", "/api/v1/fund/calls",
  "/api/v1/notifications",
}
local errors = 0

request = function()
  local path = paths[math.random(#paths)]
  return wrk.format("GET", path, { ["Cookie"] = cookie, ["Accept-Language"] = "zh-CN" })
end

response = function(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    if errors <= 5 then io.stderr:write("non-200: " .. status .. "\n") end
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
