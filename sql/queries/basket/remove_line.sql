-- 장바구니 삭제 in one statement (BasketFacade::remove), its CTEs named for the seed's steps: the caller's
-- token, the user's check (UserService), the product's check (ProductService: an unknown product is an error
-- even where the line is absent), the removal (BasketService; an absent line is fine), then the basket as it
-- now is. All sub-statements see one snapshot, so the answer is the user's other lines as the snapshot holds
-- them (the removed line, which the snapshot still holds, is left out), in first-added order (b.id): the basket
-- as the statement began, less the line. The removal is conditioned on every check: a refused one changes
-- nothing.
-- :token_hash as in order/place: empty when the caller is proven already, else only a live session of this
-- user lets anything be looked at or written (outcome UNPROVEN).
-- Answers one row per line of the basket after the removal, or one row with the outcome alone when the basket
-- is then empty or a check refused (the first, in the seed's order).
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
             ELSE 'REMOVED' END AS outcome
    FROM caller c),
removed_line AS (
    DELETE FROM basket_items b
    WHERE b.user_id = :user_id::bigint AND b.product_id = :product_id::bigint
      AND (SELECT c.outcome FROM checks c) = 'REMOVED'),
basket_lines AS (
    SELECT b.id, b.product_id, b.quantity FROM basket_items b
    WHERE b.user_id = :user_id::bigint AND b.product_id <> :product_id::bigint
      AND (SELECT c.outcome FROM checks c) = 'REMOVED')
SELECT c.outcome, l.product_id, p.name, p.price, l.quantity, p.price * l.quantity AS amount
FROM checks c LEFT JOIN (basket_lines l JOIN products p ON p.id = l.product_id) ON true
ORDER BY l.id
