-- Mix, mostly reads: product read 50%, balance read 20%, top-5 15%, basket add 8%, charge 7%.
-- scripts/bench runs pgbench with the same weights over the same transactions for its ceiling.
-- Each request about a user carries its token (bench/wrk_common.lua).
-- Usage: wrk -t2 -c64 -d10s -s bench/mix.lua http://127.0.0.1:PORT
-- Loads bench/wrk_common.lua from beside this file, wherever wrk is started.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("wrk_common")

bench.scenario(bench.weighted({
  { 50, bench.product_read },
  { 20, bench.balance_read },
  { 15, bench.top5 },
  { 8, bench.basket_add },
  { 7, bench.charge },
}))
