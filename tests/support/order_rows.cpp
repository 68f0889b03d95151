#include "tests/support/order_rows.hpp"

#include <stdexcept>

namespace shop::test {

std::string stored_status(soci::session& sql, model::Id order_id) {
  std::string status;
  sql << "SELECT status FROM orders WHERE id = :id", soci::use(order_id), soci::into(status);
  if (!sql.got_data()) throw std::runtime_error("no order " + std::to_string(order_id));
  return status;
}

long long held_units(soci::session& sql, model::Id product_id) {
  long long units = 0;
  sql << "SELECT coalesce(sum(i.quantity), 0)::bigint FROM order_items i JOIN orders o ON o.id = i.order_id "
         "WHERE i.product_id = :id AND o.status IN ('PENDING', 'PAID')",
      soci::use(product_id), soci::into(units);
  return units;
}

long long stock_and_held_units(soci::session& sql, model::Id product_id) {
  long long total = 0;
  sql << "SELECT p.stock + coalesce((SELECT sum(i.quantity) FROM order_items i JOIN orders o ON o.id = i.order_id "
         "WHERE i.product_id = p.id AND o.status IN ('PENDING', 'PAID')), 0)::bigint "
         "FROM products p WHERE p.id = :id",
      soci::use(product_id), soci::into(total);
  if (!sql.got_data()) throw std::runtime_error("no product " + std::to_string(product_id));
  return total;
}

long long order_count(soci::session& sql, model::Id user_id) {
  long long count = 0;
  sql << "SELECT count(*) FROM orders WHERE user_id = :id", soci::use(user_id), soci::into(count);
  return count;
}

std::vector<model::Id> order_ids_of(soci::session& sql, model::Id user_id) {
  std::vector<model::Id> ids;
  model::Id id = 0;
  soci::statement st =
      (sql.prepare << "SELECT id FROM orders WHERE user_id = :u ORDER BY id", soci::use(user_id), soci::into(id));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  return ids;
}

long long payment_rows(soci::session& sql, model::Id order_id) {
  long long count = 0;
  sql << "SELECT count(*) FROM payments WHERE order_id = :id", soci::use(order_id), soci::into(count);
  return count;
}

long long payment_ledger_lines(soci::session& sql, model::Id order_id) {
  long long count = 0;
  sql << "SELECT count(*) FROM balance_ledger WHERE order_id = :id AND type = 'PAYMENT'", soci::use(order_id),
      soci::into(count);
  return count;
}

long long outbox_events_of(soci::session& sql, model::Id order_id) {
  long long count = 0;
  sql << "SELECT count(*) FROM outbox_events WHERE type = 'ORDER_PAID' "
         "AND (payload -> 'order' ->> 'orderId')::bigint = :id",
      soci::use(order_id), soci::into(count);
  return count;
}

long long sold_today(soci::session& sql, model::Id product_id) {
  long long units = 0;
  sql << "SELECT coalesce(sum(quantity), 0)::bigint FROM product_daily_sales "
         "WHERE product_id = :id AND sales_date = (now() AT TIME ZONE 'Asia/Seoul')::date",
      soci::use(product_id), soci::into(units);
  return units;
}

long long sales_rows(soci::session& sql, model::Id product_id) {
  long long count = 0;
  sql << "SELECT count(*) FROM product_daily_sales WHERE product_id = :id", soci::use(product_id), soci::into(count);
  return count;
}

model::Id missing_order_id(soci::session& sql) {
  model::Id id = 0;
  sql << "SELECT coalesce(max(id), 0) + 1000000000 FROM orders", soci::into(id);
  return id;
}

long long deadlocks_detected(soci::session& sql) {
  sql << "SELECT pg_stat_clear_snapshot()";
  long long count = 0;
  sql << "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()", soci::into(count);
  return count;
}

}  // namespace shop::test
