-- 주문 in one statement (OrderFacade::place_lines), its CTEs named for the seed's steps. All sub-statements see
-- one snapshot and a data-modifying CTE's rows only through RETURNING, so:
-- - the products are locked in id order (no two orders deadlock) and their stock is read from the locked,
--   newest row versions; the stock is taken by the same statement while the locks are held;
-- - each write is conditioned on the outcome of every check: a refused order changes nothing;
-- - the stock taken is computed from the locked rows (locked_products), never from the UPDATE's own row: a
--   row this statement locked after another transaction changed it (a restock that committed while it
--   waited) was seen updated from its snapshot's version, below 0 (PostgreSQL 15). Nothing else changes a
--   locked row until this transaction ends, so the locked values are current. The check constraint
--   stock >= 0 stays the last guard.
-- :token_hash is empty when the caller is proven already (the admin, a keyed request, a checkout); otherwise
-- it is the hash of the caller's token, and only a live session of this user lets anything be locked or
-- written (outcome UNPROVEN: the caller then learns 401 or 403 from SessionService, nothing else).
-- Answers one row per line of the placed order (its header repeated), or one row whose outcome names the
-- first check that refused, in the seed's order.
WITH caller AS (
    SELECT :token_hash::text = '' OR EXISTS (
        SELECT 1 FROM sessions s
        WHERE s.token_hash = :token_hash::text AND s.user_id = :user_id::bigint
          AND s.revoked_at IS NULL AND s.expires_at > now()) AS proven),
wanted AS (
    SELECT v.id, v.quantity FROM unnest(:ids::bigint[], :quantities::integer[]) AS v(id, quantity)),
locked_products AS (
    SELECT p.id, p.name, p.price, p.stock FROM products p
    WHERE p.id = ANY(:ids::bigint[]) AND (SELECT proven FROM caller)
    ORDER BY p.id FOR NO KEY UPDATE),
stock_checked AS (
    SELECT count(*) AS found, count(*) FILTER (WHERE p.stock >= w.quantity) AS in_stock,
           coalesce(sum(p.price * w.quantity), 0)::bigint AS total
    FROM wanted w JOIN locked_products p ON p.id = w.id),
balance_checked AS (
    SELECT u.id, u.balance FROM users u WHERE u.id = :user_id::bigint),
checks AS (
    SELECT CASE
             WHEN NOT (SELECT proven FROM caller) THEN 'UNPROVEN'
             WHEN s.found < cardinality(:ids::bigint[]) THEN 'PRODUCT_NOT_FOUND'
             WHEN s.in_stock < s.found THEN 'OUT_OF_STOCK'
             WHEN b.id IS NULL THEN 'USER_NOT_FOUND'
             WHEN b.balance < s.total THEN 'INSUFFICIENT_BALANCE'
             ELSE 'PLACED' END AS outcome,
           s.total
    FROM stock_checked s LEFT JOIN balance_checked b ON true),
saved_order AS (
    INSERT INTO orders (user_id, total_amount, expires_at)
    SELECT :user_id::bigint, c.total, now() + make_interval(secs => :ttl::integer)
    FROM checks c WHERE c.outcome = 'PLACED'
    RETURNING id, created_at, expires_at),
saved_lines AS (
    INSERT INTO order_items (order_id, product_id, name, unit_price, quantity)
    SELECT o.id, p.id, p.name, p.price, w.quantity
    FROM saved_order o CROSS JOIN wanted w JOIN locked_products p ON p.id = w.id
    RETURNING product_id, name, unit_price, quantity),
taken_stock AS (
    UPDATE products p SET stock = l.stock - w.quantity, updated_at = now()
    FROM wanted w JOIN locked_products l ON l.id = w.id
    WHERE p.id = w.id AND EXISTS (SELECT 1 FROM saved_order)
    RETURNING p.id)
SELECT c.outcome, c.total AS total_amount, o.id AS order_id, shop_rfc3339(o.created_at) AS created_at,
       shop_rfc3339(o.expires_at) AS expires_at, l.product_id, l.name, l.unit_price, l.quantity
FROM checks c LEFT JOIN saved_order o ON true LEFT JOIN saved_lines l ON true
ORDER BY l.product_id
