-- wrk script for bench/intake-benchmark.sh: Shopify orders/create webhooks, signed, ~15 KB each.
--
--   BENCH_DATA_DIR=bench/out/data wrk -t2 -c64 -d30s --latency -s bench/webhook.lua http://127.0.0.1:PORT/webhooks/shopify
--
-- Environment:
--   BENCH_DATA_DIR      folder with order-1.json .. order-N.json (bodies) and order-<i>.json.hmac (their
--                       X-Shopify-Hmac-Sha256); default bench/out/data
--   BENCH_RUN_TAG       goes into every X-Shopify-Webhook-Id, so ids differ between runs; default "run"
--   BENCH_SUMMARY_FILE  if set, done() writes key=value lines there (requests, non2xx, sent, in-flight at stop, ...)
--
-- The requests take the N orders in turn (different customers, so the Kafka keys spread over the partitions), and
-- every one carries a new X-Shopify-Webhook-Id (bench-<tag>-<thread>-<n>) like a real delivery. Each request is
-- assembled from two pre-built halves around the id, so the per-request cost in wrk is one string concatenation.

local function slurp(path)
   local f = assert(io.open(path, "rb"))
   local s = f:read("*a")
   f:close()
   return s
end

local dir = os.getenv("BENCH_DATA_DIR") or "bench/out/data"
local tag = os.getenv("BENCH_RUN_TAG") or "run"

-- order-1.json .. order-N.json, each with its .hmac
local orders = {}
while true do
   local path = dir .. "/order-" .. (#orders + 1) .. ".json"
   local f = io.open(path, "rb")
   if not f then break end
   f:close()
   orders[#orders + 1] = { body = slurp(path), hmac = slurp(path .. ".hmac"):gsub("%s+$", "") }
end
assert(#orders > 0, "no " .. dir .. "/order-1.json: run bench/intake-benchmark.sh, or set BENCH_DATA_DIR")

wrk.method = "POST"
wrk.headers["Content-Type"]          = "application/json"
wrk.headers["X-Shopify-Topic"]       = "orders/create"
wrk.headers["X-Shopify-Shop-Domain"] = "storelink-bench.myshopify.com"
wrk.headers["X-Shopify-API-Version"] = "2026-07"
wrk.headers["X-Shopify-Webhook-Id"]  = "@@WEBHOOK_ID@@"

-- main state: remember the threads so done() can read their counters
local threads = {}
local next_id = 1

function setup(thread)
   thread:set("thread_id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

-- thread states
local heads, tails = {}, {}
sent = 0

function init(args)
   for i, order in ipairs(orders) do
      wrk.headers["X-Shopify-Hmac-Sha256"] = order.hmac
      local template = wrk.format(nil, nil, nil, order.body)
      local at = template:find("@@WEBHOOK_ID@@", 1, true)
      heads[i] = template:sub(1, at - 1) .. "bench-" .. tag .. "-" .. tostring(thread_id) .. "-"
      tails[i] = template:sub(at + #"@@WEBHOOK_ID@@")
   end
   -- wrk calls request() once before the run to check the request (in the first thread only): not a real send
   sent = (thread_id == 1) and -1 or 0
end

function request()
   sent = sent + 1
   local i = sent % #heads + 1   -- the orders in turn: their customers' keys spread over the partitions
   return heads[i] .. sent .. tails[i]
end

function done(summary, latency, requests)
   local sent_total = 0
   for _, t in ipairs(threads) do
      sent_total = sent_total + t:get("sent")
   end
   local e = summary.errors
   local non2xx = e.status                       -- wrk counts status > 399 here; 3xx is not expected
   local ok = summary.requests - non2xx
   local lines = {
      string.format("requests=%d", summary.requests),
      string.format("ok2xx=%d", ok),
      string.format("non2xx=%d", non2xx),
      string.format("sent=%d", sent_total),
      -- requests written but not answered when wrk stopped (wrk closes its connections at the end; the server may
      -- still have processed them), plus any lost to socket errors
      string.format("unanswered=%d", sent_total - summary.requests),
      string.format("socket_errors=%d", e.connect + e.read + e.write),
      string.format("timeouts=%d", e.timeout),
      string.format("duration_s=%.3f", summary.duration / 1e6),
      string.format("rps=%.1f", summary.requests / (summary.duration / 1e6)),
      string.format("p50_ms=%.2f", latency:percentile(50) / 1000),
      string.format("p90_ms=%.2f", latency:percentile(90) / 1000),
      string.format("p99_ms=%.2f", latency:percentile(99) / 1000),
      string.format("max_ms=%.2f", latency.max / 1000),
   }
   io.write("  non-2xx responses: " .. non2xx .. " (2xx: " .. ok .. ", unanswered at stop: "
            .. (sent_total - summary.requests) .. ")\n")
   local out = os.getenv("BENCH_SUMMARY_FILE")
   if out and out ~= "" then
      local f = assert(io.open(out, "w"))
      f:write(table.concat(lines, "\n") .. "\n")
      f:close()
   end
end
