#include "model/product/product_repository.hpp"

#include "model/product/product_row.hpp"
#include "sql/queries.hpp"

namespace shop::model {

ProductRepository::ProductRepository(soci::session& sql)
    : find_((sql.prepare << sql::kProductFind, soci::use(id_), soci::into(row_))),
      list_((sql.prepare << sql::kProductList, soci::use(limit_, "limit"), soci::use(offset_, "offset"),
             soci::into(row_))),
      count_stmt_((sql.prepare << sql::kProductCount, soci::into(count_))),
      insert_((sql.prepare << sql::kProductInsert, soci::use(new_name_, "name"), soci::use(new_price_, "price"),
               soci::use(new_stock_, "stock"), soci::into(row_))),
      update_((sql.prepare << sql::kProductUpdate, soci::use(new_name_, name_ind_, "name"),
               soci::use(new_price_, price_ind_, "price"), soci::use(new_stock_, stock_ind_, "stock"),
               soci::use(stock_delta_, "stock_delta"), soci::use(max_stock_, "max_stock"), soci::use(id_, "id"),
               soci::into(row_))),
      lock_for_restock_((sql.prepare << sql::kProductLockForRestock, soci::use(id_, "order_id"), soci::into(row_.id))),
      restock_((sql.prepare << sql::kProductRestock, soci::use(id_, "order_id"))) {}

std::optional<Product> ProductRepository::find(Id id) {
  id_ = id;
  if (!find_.execute(true)) return std::nullopt;
  return row_;
}

std::vector<Product> ProductRepository::list(const PageRequest& page) {
  limit_ = page.size;
  offset_ = page.offset();
  return fetch_all(list_, row_);
}

long long ProductRepository::count() {
  count_stmt_.execute(true);
  return count_;
}

Product ProductRepository::insert(const ProductDraft& draft) {
  new_name_ = draft.name;
  new_price_ = draft.price;
  new_stock_ = draft.stock;
  insert_.execute(true);
  return row_;
}

std::optional<Product> ProductRepository::update(Id id, const ProductChanges& changes, long long max_stock) {
  id_ = id;
  new_name_ = changes.name.value_or(std::string());
  new_price_ = changes.price.value_or(0);
  new_stock_ = changes.stock.value_or(0);
  stock_delta_ = changes.stock_delta.value_or(0);
  max_stock_ = max_stock;
  name_ind_ = changes.name ? soci::i_ok : soci::i_null;
  price_ind_ = changes.price ? soci::i_ok : soci::i_null;
  stock_ind_ = changes.stock ? soci::i_ok : soci::i_null;
  if (!update_.execute(true)) return std::nullopt;
  return row_;
}

void ProductRepository::restock(Id order_id) {
  id_ = order_id;
  lock_for_restock_.execute();
  while (lock_for_restock_.fetch()) {
  }
  restock_.execute(true);
}

}  // namespace shop::model
