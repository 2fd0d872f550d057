-- wrk script: POSTs one JSON-RPC tools/call of the echo tool, over and over.
--
-- Environment:
--   BENCH_MCP=1          add the Streamable HTTP headers (Accept, MCP-Protocol-Version)
--   BENCH_SESSION=<id>   add Mcp-Session-Id: <id> (our /mcp; the SDK's stateless one needs none)
--
-- done() prints one parseable line:
--   RESULT requests=N rps=R p50_ms=A p99_ms=B non2xx=X bad_body=Y socket_errors=Z
-- A run with any non-2xx answer, unexpected body or socket error is worthless; run.sh fails it.

local body = '{"jsonrpc":"2.0","id":1,"method":"tools/call",'
    .. '"params":{"name":"echo","arguments":{"text":"hello"}}}'
local expected = '"text":"hello"'

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
if os.getenv("BENCH_MCP") == "1" then
    wrk.headers["Accept"] = "application/json, text/event-stream"
    wrk.headers["MCP-Protocol-Version"] = "2025-06-18"
end
local session = os.getenv("BENCH_SESSION")
if session ~= nil and session ~= "" then
    wrk.headers["Mcp-Session-Id"] = session
end

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

-- Per-thread counters, read back by done() through thread:get.
non2xx = 0
bad_body = 0

function response(status, headers, resp_body)
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
    elseif resp_body == nil or not string.find(resp_body, expected, 1, true) then
        bad_body = bad_body + 1
    end
end

function done(summary, latency, requests)
    local n2, bad = 0, 0
    for _, thread in ipairs(threads) do
        n2 = n2 + thread:get("non2xx")
        bad = bad + thread:get("bad_body")
    end
    local e = summary.errors
    local socket_errors = e.connect + e.read + e.write + e.timeout
    io.write(string.format(
        "RESULT requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d bad_body=%d socket_errors=%d\n",
        summary.requests,
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000,
        latency:percentile(99) / 1000,
        n2, bad, socket_errors))
end
