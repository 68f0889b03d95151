-- Charge: POST /api/v1/users/{id}/balance/charge {"amount": 1..1000}, a random user, with its token.
-- Usage: wrk -t2 -c64 -d10s -s bench/charge.lua http://127.0.0.1:PORT
-- Loads bench/wrk_common.lua from beside this file, wherever wrk is started.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("wrk_common")

bench.scenario(bench.charge)
