-- Product read: GET /api/v1/products/{id}, a random product of the bench data.
-- Usage: wrk -t2 -c64 -d10s -s bench/product_read.lua http://127.0.0.1:PORT
-- Loads bench/wrk_common.lua from beside this file, wherever wrk is started.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("wrk_common")

bench.scenario(bench.product_read)
