-- A user's basket: one line per product, quantity 1..999. A basket reserves no stock.
-- `id` only orders the lines as they were first added: an upsert keeps it.
CREATE TABLE basket_items (
    id         bigint GENERATED ALWAYS AS IDENTITY,
    user_id    bigint      NOT NULL REFERENCES users (id),
    product_id bigint      NOT NULL REFERENCES products (id),
    quantity   integer     NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, product_id)
);

CREATE INDEX basket_items_user_id_idx ON basket_items (user_id, id);
