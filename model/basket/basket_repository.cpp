#include "model/basket/basket_repository.hpp"

#include "model/basket/basket_line_row.hpp"
#include "model/db/pg_array.hpp"
#include "sql/queries.hpp"

namespace shop::model {

BasketRepository::BasketRepository(soci::session& sql)
    : lines_((sql.prepare << sql::kBasketLines, soci::use(user_id_, "user_id"), soci::into(row_))),
      add_((sql.prepare << sql::kBasketAdd, soci::use(user_id_, "user_id"), soci::use(product_id_, "product_id"),
            soci::use(quantity_, "quantity"), soci::use(max_quantity_, "max_quantity"), soci::into(new_quantity_))),
      set_((sql.prepare << sql::kBasketSet, soci::use(user_id_, "user_id"), soci::use(product_id_, "product_id"),
            soci::use(quantity_, "quantity"))),
      remove_(
          (sql.prepare << sql::kBasketRemove, soci::use(user_id_, "user_id"), soci::use(product_id_, "product_id"))),
      lock_lines_((sql.prepare << sql::kBasketLockLines, soci::use(user_id_, "user_id"), soci::into(product_id_),
                   soci::into(quantity_))),
      remove_lines_((sql.prepare << sql::kBasketRemoveLines, soci::use(user_id_, "user_id"),
                     soci::use(product_ids_, "product_ids"))) {}

std::vector<BasketLine> BasketRepository::lines(Id user_id) {
  user_id_ = user_id;
  return fetch_all(lines_, row_);
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

void BasketRepository::remove_lines(Id user_id, std::span<const OrderRequestLine> lines) {
  user_id_ = user_id;
  product_ids_ = pg_array(lines, &OrderRequestLine::product_id);
  remove_lines_.execute(true);
}

}  // namespace shop::model
