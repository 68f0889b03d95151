-- Order+payment flow: places orders (random user and product, quantity 1; pre-generated, like the other
-- scenarios' requests) and pays the orders it placed. Each 201 answer to an order gives its orderId and
-- userId, and the payment, with that user's token, is queued in this thread; the thread's next request sends
-- one of them (the newest), else places a new order. Counts orders placed, payments made and failed answers
-- (any other status: a 401 is a token the seed did not open), summed over threads in the BENCH_JSON line.
-- Usage: wrk -t2 -c64 -d10s -s bench/order_payment.lua http://127.0.0.1:PORT
-- Loads bench/wrk_common.lua from beside this file, wherever wrk is started.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("wrk_common")

setup = bench.setup
done = bench.done({ "orders", "payments", "failed" })

-- Globals, read by done() through thread:get.
orders, payments, failed = 0, 0, 0

local queue, queued = {}, 0
local place_order

function init()
  bench.seed()
  place_order = bench.pool(20000, bench.place_order)
end

function request()
  if queued > 0 then
    local payment = queue[queued]
    queue[queued] = nil
    queued = queued - 1
    return payment
  end
  return place_order()
end

function response(status, headers, body)
  if status ~= 201 then
    failed = failed + 1
  elseif body:find('"paymentId"', 1, true) then
    payments = payments + 1
  else
    local order_id = body:match('"orderId"%s*:%s*(%d+)')
    local user_id = body:match('"userId"%s*:%s*(%d+)')
    if order_id and user_id then
      orders = orders + 1
      queued = queued + 1
      queue[queued] = bench.pay(order_id, user_id)
    else
      failed = failed + 1
    end
  end
end
