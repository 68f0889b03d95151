#include "model/basket/basket_repository.hpp"

namespace shop::model {
namespace {

constexpr const char* kLines = R"SQL(
SELECT b.product_id, p.name, p.price, b.quantity, p.price * b.quantity
FROM basket_items b JOIN products p ON p.id = b.product_id
WHERE b.user_id = :user_id
ORDER BY b.id)SQL";

// The conflict branch only fires while the sum stays within bounds: no row back means "too many".
constexpr const char* kAdd = R"SQL(
INSERT INTO basket_items AS b (user_id, product_id, quantity)
VALUES (:user_id::bigint, :product_id::bigint, :quantity::integer)
ON CONFLICT (user_id, product_id)
DO UPDATE SET quantity = b.quantity + EXCLUDED.quantity
WHERE b.quantity + EXCLUDED.quantity <= :max_quantity::integer
RETURNING quantity)SQL";

constexpr const char* kSet = R"SQL(
INSERT INTO basket_items AS b (user_id, product_id, quantity)
VALUES (:user_id::bigint, :product_id::bigint, :quantity::integer)
ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity)SQL";

constexpr const char* kRemove = "DELETE FROM basket_items WHERE user_id = :user_id AND product_id = :product_id";

constexpr const char* kLockLines = R"SQL(
SELECT product_id, quantity FROM basket_items WHERE user_id = :user_id ORDER BY product_id FOR UPDATE)SQL";

constexpr const char* kClear = "DELETE FROM basket_items WHERE user_id = :user_id";

}  // namespace

BasketRepository::BasketRepository(soci::session& sql)
    : lines_((sql.prepare << kLines, soci::use(user_id_, "user_id"), soci::into(row_.product_id), soci::into(row_.name),
              soci::into(row_.price), soci::into(row_.quantity), soci::into(row_.amount))),
      add_((sql.prepare << kAdd, soci::use(user_id_, "user_id"), soci::use(product_id_, "product_id"),
            soci::use(quantity_, "quantity"), soci::use(max_quantity_, "max_quantity"), soci::into(new_quantity_))),
      set_((sql.prepare << kSet, soci::use(user_id_, "user_id"), soci::use(product_id_, "product_id"),
            soci::use(quantity_, "quantity"))),
      remove_((sql.prepare << kRemove, soci::use(user_id_, "user_id"), soci::use(product_id_, "product_id"))),
      lock_lines_(
          (sql.prepare << kLockLines, soci::use(user_id_, "user_id"), soci::into(product_id_), soci::into(quantity_))),
      clear_((sql.prepare << kClear, soci::use(user_id_, "user_id"))) {}

std::vector<BasketLine> BasketRepository::lines(Id user_id) {
  user_id_ = user_id;
  std::vector<BasketLine> lines;
  lines_.execute();
  while (lines_.fetch()) lines.push_back(row_);
  return lines;
}

std::optional<int> BasketRepository::add(Id user_id, Id product_id, int quantity, int max_quantity) {
  user_id_ = user_id;
  product_id_ = product_id;
  quantity_ = quantity;
  max_quantity_ = max_quantity;
  if (!add_.execute(true)) return std::nullopt;
  return new_quantity_;
}

void BasketRepository::set(Id user_id, Id product_id, int quantity) {
  user_id_ = user_id;
  product_id_ = product_id;
  quantity_ = quantity;
  set_.execute(true);
}

void BasketRepository::remove(Id user_id, Id product_id) {
  user_id_ = user_id;
  product_id_ = product_id;
  remove_.execute(true);
}

std::vector<OrderRequestLine> BasketRepository::lock_lines(Id user_id) {
  user_id_ = user_id;
  std::vector<OrderRequestLine> lines;
  lock_lines_.execute();
  while (lock_lines_.fetch()) lines.push_back(OrderRequestLine{product_id_, quantity_});
  return lines;
}

void BasketRepository::clear(Id user_id) {
  user_id_ = user_id;
  clear_.execute(true);
}

}  // namespace shop::model
