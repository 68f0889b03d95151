-- Top-5: GET /api/v1/products/top (days=7, limit=5). One fixed request: wrk sends it as is.
-- Usage: wrk -t2 -c64 -d10s -s bench/top5.lua http://127.0.0.1:PORT/api/v1/products/top
-- Loads bench/wrk_common.lua from beside this file, wherever wrk is started.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("wrk_common")

setup = bench.setup
done = bench.done()
