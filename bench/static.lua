-- The HTTP ceiling: nginx answering a fixed "return 200" (the bench stack's /bench/static location).
-- Usage: wrk -t2 -c64 -d10s -s bench/static.lua http://127.0.0.1:PORT/bench/static
-- Loads bench/wrk_common.lua from beside this file, wherever wrk is started.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("wrk_common")

setup = bench.setup
done = bench.done()
