-- Basket add: POST /api/v1/users/{id}/basket/items {"productId", "quantity": 1}, random user and product;
-- the request carries the user's token.
-- Usage: wrk -t2 -c64 -d10s -s bench/basket_add.lua http://127.0.0.1:PORT
-- Loads bench/wrk_common.lua from beside this file, wherever wrk is started.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("wrk_common")

bench.scenario(bench.basket_add)
