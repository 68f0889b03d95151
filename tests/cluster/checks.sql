-- The checks of scripts/test-cluster, on the new primary once the load is over, as the superuser (COPY reads
-- the load's files). Variables: acks (every acknowledged write: kind, userId, key, startMs, ackMs, a, b; see
-- tests/cluster/load_client.hpp), events (the receiver's lines: eventId, orderId, Idempotency-Key), products
-- (id, initial stock), killed_ms (when the primary's host was killed, ms since the epoch).
-- Prints one line per finding: 'PROBLEM ...' fails the run, anything else is information. The database is the
-- test's own: every row in it was made by this run.
\set QUIET on
\pset footer off
CREATE TEMP TABLE acks (kind text, user_id bigint, key text, start_ms bigint, ack_ms bigint, a bigint, b bigint);
COPY acks FROM :'acks';
CREATE TEMP TABLE received (event_id text, order_id bigint, key text);
COPY received FROM :'events';
CREATE TEMP TABLE initial_stock (product_id bigint, stock bigint);
COPY initial_stock FROM :'products';
CREATE TEMP TABLE findings (line text);

-- Every acknowledged charge: exactly one CHARGE line of its amount (amounts are distinct within a user).
INSERT INTO findings
SELECT format('PROBLEM acknowledged charge %s (user %s, %s) has %s ledger lines', a.key, a.user_id, a.a, c.n)
FROM acks a CROSS JOIN LATERAL (SELECT count(*) AS n FROM balance_ledger l
                                WHERE l.user_id = a.user_id AND l.type = 'CHARGE' AND l.amount = a.a) c
WHERE a.kind = 'charge' AND c.n <> 1;

-- Every acknowledged order exists, is the user's, and is the one its key's kept answer names.
INSERT INTO findings
SELECT format('PROBLEM acknowledged order %s (key %s): %s', a.a, a.key,
              CASE WHEN o.id IS NULL THEN 'no such order' WHEN o.user_id <> a.user_id THEN 'another user''s'
                   ELSE 'its key keeps ' || coalesce(k.body, 'nothing') END)
FROM acks a
LEFT JOIN orders o ON o.id = a.a
LEFT JOIN idempotency_keys k ON k.owner = 'user:' || a.user_id AND k.key = a.key
WHERE a.kind = 'order'
  AND (o.id IS NULL OR o.user_id <> a.user_id OR k.body IS NULL OR (k.body::jsonb ->> 'orderId')::bigint <> a.a);

-- Every acknowledged payment: its payment row, the order PAID, exactly one PAYMENT ledger line.
INSERT INTO findings
SELECT format('PROBLEM acknowledged payment %s of order %s: payment %s, order %s, %s PAYMENT lines', a.b, a.a,
              coalesce(p.id::text, 'missing'), coalesce(o.status, 'missing'), c.n)
FROM acks a
LEFT JOIN payments p ON p.order_id = a.a
LEFT JOIN orders o ON o.id = a.a
CROSS JOIN LATERAL (SELECT count(*) AS n FROM balance_ledger l WHERE l.order_id = a.a AND l.type = 'PAYMENT') c
WHERE a.kind = 'payment' AND (p.id IS DISTINCT FROM a.b OR o.status IS DISTINCT FROM 'PAID' OR c.n <> 1);

-- Exactly once: each row was made by one key (a key retried after a crash made no second row), so the rows
-- and the kept successful answers match in number.
INSERT INTO findings
SELECT format('PROBLEM %s: %s rows, %s keys answered %s', what, rows, keys, status)
FROM (VALUES
  ('charges', (SELECT count(*) FROM balance_ledger WHERE type = 'CHARGE'),
   (SELECT count(*) FROM idempotency_keys WHERE key LIKE '%-charge-%' AND status = 200), 200),
  ('orders', (SELECT count(*) FROM orders),
   (SELECT count(*) FROM idempotency_keys WHERE key LIKE '%-order-%' AND status = 201), 201),
  ('payments', (SELECT count(*) FROM payments),
   (SELECT count(*) FROM idempotency_keys WHERE key LIKE '%-payment-%' AND status = 201), 201)
) AS t(what, rows, keys, status)
WHERE rows <> keys;

-- Balance = ledger, for every user.
INSERT INTO findings
SELECT format('PROBLEM user %s: balance %s, ledger %s', u.id, u.balance, coalesce(l.sum, 0))
FROM users u
LEFT JOIN (SELECT user_id, sum(CASE WHEN type = 'CHARGE' THEN amount ELSE -amount END) AS sum
           FROM balance_ledger GROUP BY user_id) l ON l.user_id = u.id
WHERE u.balance <> coalesce(l.sum, 0);

-- Stock conserved: initial = current + sold in PAID and PENDING orders.
INSERT INTO findings
SELECT format('PROBLEM product %s: initial stock %s, now %s, %s in PAID or PENDING orders', i.product_id, i.stock,
              p.stock, s.sold)
FROM initial_stock i
JOIN products p ON p.id = i.product_id
CROSS JOIN LATERAL (SELECT coalesce(sum(oi.quantity), 0) AS sold FROM order_items oi JOIN orders o ON o.id = oi.order_id
                    WHERE oi.product_id = i.product_id AND o.status IN ('PAID', 'PENDING')) s
WHERE i.stock <> p.stock + s.sold;

-- Every PAID order's event reached the receiver; one event id per order, none shared by two orders.
INSERT INTO findings
SELECT format('PROBLEM PAID order %s: no event received', o.id)
FROM orders o WHERE o.status = 'PAID' AND NOT EXISTS (SELECT FROM received r WHERE r.order_id = o.id);
INSERT INTO findings
SELECT format('PROBLEM order %s: %s event ids received', order_id, count(DISTINCT event_id))
FROM received GROUP BY order_id HAVING count(DISTINCT event_id) <> 1;
INSERT INTO findings
SELECT format('PROBLEM event %s: received for %s orders', event_id, count(DISTINCT order_id))
FROM received GROUP BY event_id HAVING count(DISTINCT order_id) <> 1;
INSERT INTO findings
SELECT format('PROBLEM received request %s is no order event', key) FROM received WHERE order_id = 0;

-- What was checked, and the outage as a client saw it.
INSERT INTO findings
SELECT format('checked: %s acknowledged writes (%s charges, %s orders, %s payments), %s users, %s PAID orders, '
              '%s event deliveries (%s distinct events)',
              (SELECT count(*) FROM acks), (SELECT count(*) FROM acks WHERE kind = 'charge'),
              (SELECT count(*) FROM acks WHERE kind = 'order'), (SELECT count(*) FROM acks WHERE kind = 'payment'),
              (SELECT count(*) FROM users), (SELECT count(*) FROM orders WHERE status = 'PAID'),
              (SELECT count(*) FROM received), (SELECT count(DISTINCT event_id) FROM received));
-- The first write acknowledged among those first sent after the primary's host was dead: none of them can have
-- reached the old primary, so it is the time clients waited for the new one.
INSERT INTO findings
SELECT CASE WHEN first_after IS NULL THEN 'PROBLEM no write sent after the primary''s death was acknowledged'
            ELSE format('primary killed -> first acknowledged write sent after it: %s ms; writes sent before it and '
                        'acknowledged after it: %s', first_after - :killed_ms, straddling) END
FROM (SELECT min(ack_ms) FILTER (WHERE start_ms > :killed_ms) AS first_after,
             count(*) FILTER (WHERE start_ms <= :killed_ms AND ack_ms > :killed_ms) AS straddling FROM acks) t;
SELECT line FROM findings;
