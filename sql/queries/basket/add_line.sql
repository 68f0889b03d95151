-- 장바구니 추가 in one statement (BasketFacade::add), its CTEs named for the seed's steps: the caller's token,
-- the user's check (UserService), the product's check (ProductService), the upsert within the quantity bound
-- (BasketService), then the basket as it now is. All sub-statements see one snapshot, and a data-modifying
-- CTE's row only through its RETURNING, so:
-- - the upsert is conditioned on every check: a refused add changes nothing;
-- - the conflict branch fires only while the sum stays within :max_quantity, so no row back from it means
--   "too many" (ON CONFLICT sees the line's newest version, so concurrent adds never lose quantity);
-- - the answer is the user's other lines as the snapshot holds them plus the upserted line from RETURNING
--   (the snapshot still holds the line as it was before, or not at all), in first-added order (b.id).
--   Other lines that a transaction committing meanwhile changed (a checkout this add waited for) show as the
--   snapshot holds them: the answer is the basket as the statement began, plus the add.
-- :token_hash as in order/place: empty when the caller is proven already, else only a live session of this
-- user lets anything be looked at or written (outcome UNPROVEN).
-- Answers one row per line of the basket after the add, or one row whose outcome names the first check that
-- refused, in the seed's order (its line columns NULL).
WITH caller AS (
    SELECT :token_hash::text = '' OR EXISTS (
        SELECT 1 FROM sessions s
        WHERE s.token_hash = :token_hash::text AND s.user_id = :user_id::bigint
          AND s.revoked_at IS NULL AND s.expires_at > now()) AS proven),
checks AS (
    SELECT CASE
             WHEN NOT c.proven THEN 'UNPROVEN'
             WHEN NOT EXISTS (SELECT 1 FROM users u WHERE u.id = :user_id::bigint) THEN 'USER_NOT_FOUND'
             WHEN NOT EXISTS (SELECT 1 FROM products p WHERE p.id = :product_id::bigint) THEN 'PRODUCT_NOT_FOUND'
             WHEN :quantity::integer NOT BETWEEN 1 AND :max_quantity::integer THEN 'QUANTITY_OUT_OF_BOUNDS'
             ELSE 'CHECKED' END AS outcome
    FROM caller c),
added_line AS (
    INSERT INTO basket_items AS b (user_id, product_id, quantity)
    SELECT :user_id::bigint, :product_id::bigint, :quantity::integer FROM checks c WHERE c.outcome = 'CHECKED'
    ON CONFLICT (user_id, product_id)
    DO UPDATE SET quantity = b.quantity + EXCLUDED.quantity
    WHERE b.quantity + EXCLUDED.quantity <= :max_quantity::integer
    RETURNING b.id, b.product_id, b.quantity),
basket_lines AS (
    SELECT b.id, b.product_id, b.quantity FROM basket_items b
    WHERE b.user_id = :user_id::bigint AND b.product_id <> :product_id::bigint
      AND EXISTS (SELECT 1 FROM added_line)
    UNION ALL
    SELECT a.id, a.product_id, a.quantity FROM added_line a),
outcome AS (
    SELECT CASE
             WHEN c.outcome <> 'CHECKED' THEN c.outcome
             WHEN NOT EXISTS (SELECT 1 FROM added_line) THEN 'QUANTITY_OUT_OF_BOUNDS'
             ELSE 'ADDED' END AS outcome
    FROM checks c)
SELECT o.outcome, l.product_id, p.name, p.price, l.quantity, p.price * l.quantity AS amount
FROM outcome o LEFT JOIN (basket_lines l JOIN products p ON p.id = l.product_id) ON true
ORDER BY l.id
