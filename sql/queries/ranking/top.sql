-- The best sellers of the last days (today included, in the session's TimeZone), ties by product id.
SELECT s.product_id, p.name, p.price, p.stock, s.sold
FROM (SELECT product_id, sum(quantity)::bigint AS sold
      FROM product_daily_sales
      WHERE sales_date > current_date - :days::integer
      GROUP BY product_id) s
JOIN products p ON p.id = s.product_id
ORDER BY s.sold DESC, s.product_id
LIMIT :limit::integer
