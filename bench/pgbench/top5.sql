-- GET /api/v1/products/top (days=7, limit=5): SalesRepository kTop, one autocommit statement (parameters
-- as the application binds them).
-- The session's TimeZone decides current_date: scripts/bench sets the shop's zone through PGOPTIONS.
\set days 7
\set lim 5
SELECT s.product_id, p.name, p.price, p.stock, s.sold
FROM (SELECT product_id, sum(quantity)::bigint AS sold
      FROM product_daily_sales
      WHERE sales_date > current_date - :days::integer
      GROUP BY product_id) s
JOIN products p ON p.id = s.product_id
ORDER BY s.sold DESC, s.product_id
LIMIT :lim::integer;
