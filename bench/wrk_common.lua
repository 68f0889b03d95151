-- Shared by the wrk scripts of bench/ (loaded with require; not a scenario itself).
-- Each wrk thread runs its own copy of a script; setup() and done() run in another copy that sees the
-- threads only through thread:get/set. This module gives each thread its own random seed, pre-generates
-- requests (building one per call costs wrk more than a small server spends answering it), and prints the
-- run's figures as one line "BENCH_JSON {...}" that scripts/bench reads.
local M = {}

M.users = tonumber(os.getenv("BENCH_USERS") or "10000")
M.products = tonumber(os.getenv("BENCH_PRODUCTS") or "1000")

-- The bearer token of a bench user: bench/seed.sql opens a session for exactly this string, and
-- scripts/pgbench-scripts hashes the same string for the pgbench ceilings.
function M.token(user)
  return "bench-token-" .. user
end

-- user_headers(user, json): the headers of a request about user (its own token, as a signed-in user sends
-- it), with the JSON content type when it has a body. A new table each time: wrk.format writes Host and
-- Content-Length into the table it is given.
function M.user_headers(user, json)
  local headers = { Authorization = "Bearer " .. M.token(user) }
  if json then
    headers["Content-Type"] = "application/json"
  end
  return headers
end

local threads = {}

-- setup(thread): numbers the threads (for their seeds) and keeps them for done().
function M.setup(thread)
  threads[#threads + 1] = thread
  thread:set("bench_thread", #threads)
end

-- Seeds the thread's generator: threads started in the same second must not draw the same ids.
function M.seed()
  math.randomseed(os.time() * 7919 + (bench_thread or 0) * 104729)
  math.random()
end

-- pool(n, make): n requests built by make(), and a request() that returns one of them at random.
function M.pool(n, make)
  local list = {}
  for i = 1, n do
    list[i] = make()
  end
  return function()
    return list[math.random(n)]
  end
end

-- scenario(make): the whole of a scenario script whose requests are built by make(): sets wrk's setup, init
-- (a seed and 20,000 pre-generated requests per thread), request and done.
function M.scenario(make)
  setup = M.setup
  done = M.done()
  local pick
  init = function()
    M.seed()
    pick = M.pool(20000, make)
  end
  request = function()
    return pick()
  end
end

-- weighted({{weight, make}, ...}): a make() that calls one of the makers with the given odds.
function M.weighted(choices)
  local total = 0
  for _, choice in ipairs(choices) do
    total = total + choice[1]
  end
  return function()
    local r = math.random() * total
    for _, choice in ipairs(choices) do
      r = r - choice[1]
      if r < 0 then
        return choice[2]()
      end
    end
    return choices[#choices][2]()
  end
end

-- Request makers of the scenarios, with random ids among the bench data; a request about a user carries that
-- user's token.
function M.product_read()
  return wrk.format("GET", "/api/v1/products/" .. math.random(M.products))
end

function M.balance_read()
  local user = math.random(M.users)
  return wrk.format("GET", "/api/v1/users/" .. user .. "/balance", M.user_headers(user))
end

function M.top5()
  return wrk.format("GET", "/api/v1/products/top")
end

function M.charge()
  local user = math.random(M.users)
  return wrk.format("POST", "/api/v1/users/" .. user .. "/balance/charge", M.user_headers(user, true),
    '{"amount":' .. math.random(1000) .. "}")
end

function M.basket_add()
  local user = math.random(M.users)
  return wrk.format("POST", "/api/v1/users/" .. user .. "/basket/items", M.user_headers(user, true),
    '{"productId":' .. math.random(M.products) .. ',"quantity":1}')
end

function M.place_order()
  local user = math.random(M.users)
  return wrk.format("POST", "/api/v1/orders", M.user_headers(user, true),
    '{"userId":' .. user .. ',"items":[{"productId":' .. math.random(M.products) .. ',"quantity":1}]}')
end

-- pay(order_id, user_id): the payment of an order, with the token of the user who placed it. Built when the
-- order's answer arrives, since only then is its id known.
function M.pay(order_id, user_id)
  return wrk.format("POST", "/api/v1/payments", M.user_headers(user_id, true),
    '{"orderId":' .. order_id .. ',"userId":' .. user_id .. "}")
end

-- done(counters): a done() that prints wrk's summary, and the sum over threads of each global named in
-- counters, as JSON. Latencies are in microseconds; errors.status counts answers with a status above 399.
function M.done(counters)
  return function(summary, latency, requests)
    local e = summary.errors
    local extra = {}
    for _, name in ipairs(counters or {}) do
      local sum = 0
      for _, thread in ipairs(threads) do
        sum = sum + (tonumber(thread:get(name)) or 0)
      end
      extra[#extra + 1] = string.format('"%s":%d', name, sum)
    end
    io.write(string.format(
      'BENCH_JSON {"duration_us":%d,"requests":%d,"bytes":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
      '"latency_us":{"mean":%.1f,"stdev":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d},' ..
      '"counters":{%s}}\n',
      summary.duration, summary.requests, summary.bytes,
      e.connect, e.read, e.write, e.status, e.timeout,
      latency.mean, latency.stdev, latency.max,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
      table.concat(extra, ",")))
  end
end

return M
