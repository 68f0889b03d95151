#include "model/basket/basket_repository.hpp"

#include "model/basket/basket_line_row.hpp"
#include "model/db/pg_array.hpp"
#include "sql/queries.hpp"

namespace shop::model {

BasketRepository::BasketRepository(soci::session& sql)
    : lines_((sql.prepare << sql::kBasketLines, soci::use(user_id_, "user_id"), soci::into(row_))),
      add_line_((sql.prepare << sql::kBasketAddLine, soci::use(token_hash_, "token_hash"),
                 soci::use(user_id_, "user_id"), soci::use(product_id_, "product_id"), soci::use(quantity_, "quantity"),
                 soci::use(max_quantity_, "max_quantity"), soci::into(change_))),
      remove_line_((sql.prepare << sql::kBasketRemoveLine, soci::use(token_hash_, "token_hash"),
                    soci::use(user_id_, "user_id"), soci::use(product_id_, "product_id"), soci::into(change_))),
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

BasketChange BasketRepository::add_line(Id user_id, Id product_id, int quantity, int max_quantity,
                                        const std::string& token_hash) {
  user_id_ = user_id;
  product_id_ = product_id;
  quantity_ = quantity;
  max_quantity_ = max_quantity;
  token_hash_ = token_hash;
  return fetch_change(add_line_);
}

BasketChange BasketRepository::remove_line(Id user_id, Id product_id, const std::string& token_hash) {
  user_id_ = user_id;
  product_id_ = product_id;
  token_hash_ = token_hash;
  return fetch_change(remove_line_);
}

// One row per line of the basket after the change, each with the outcome; one row with the outcome alone when
// refused or when the basket is left empty.
BasketChange BasketRepository::fetch_change(soci::statement& statement) {
  BasketChange change;
  statement.execute();
  while (statement.fetch()) {
    change.outcome = change_.outcome;
    if (change_.line) change.lines.push_back(*change_.line);
  }
  return change;
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
