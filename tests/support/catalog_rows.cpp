#include "tests/support/catalog_rows.hpp"

#include <stdexcept>

namespace shop::test {

model::Id insert_product(soci::session& sql, const std::string& name, model::Won price, long long stock) {
  model::Id id = 0;
  sql << "INSERT INTO products (name, price, stock) VALUES (:name, :price, :stock) RETURNING id", soci::use(name),
      soci::use(price), soci::use(stock), soci::into(id);
  return id;
}

long long stock_of(soci::session& sql, model::Id product_id) {
  long long stock = 0;
  sql << "SELECT stock FROM products WHERE id = :id", soci::use(product_id), soci::into(stock);
  if (!sql.got_data()) throw std::runtime_error("no product " + std::to_string(product_id));
  return stock;
}

model::Id missing_product_id(soci::session& sql) {
  model::Id id = 0;
  sql << "SELECT coalesce(max(id), 0) + 1000000000 FROM products", soci::into(id);
  return id;
}

long long basket_quantity(soci::session& sql, model::Id user_id, model::Id product_id) {
  long long quantity = 0;
  sql << "SELECT coalesce(sum(quantity), 0)::bigint FROM basket_items WHERE user_id = :u AND product_id = :p",
      soci::use(user_id), soci::use(product_id), soci::into(quantity);
  return quantity;
}

long long basket_line_count(soci::session& sql, model::Id user_id) {
  long long count = 0;
  sql << "SELECT count(*) FROM basket_items WHERE user_id = :u", soci::use(user_id), soci::into(count);
  return count;
}

}  // namespace shop::test
