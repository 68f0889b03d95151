#pragma once

#include <soci/soci.h>

#include <optional>
#include <vector>

#include "model/page.hpp"
#include "model/product/product.hpp"

namespace shop::model {

/// The SQL of the catalog, prepared once per connection.
class ProductRepository {
 public:
  explicit ProductRepository(soci::session& sql);
  ProductRepository(const ProductRepository&) = delete;
  ProductRepository& operator=(const ProductRepository&) = delete;

  std::optional<Product> find(Id id);
  std::vector<Product> list(const PageRequest& page);
  long long count();
  Product insert(const ProductDraft& draft);
  /// Applies the present fields in one statement; nullopt, and nothing changed, when no such product or
  /// when the stock delta would take the stock below 0 or grow it past `max_stock`.
  std::optional<Product> update(Id id, const ProductChanges& changes, long long max_stock);

  /// Gives an order's units back to stock, locking the products in id order first.
  void restock(Id order_id);

 private:
  Id id_ = 0;
  Product row_;
  long long limit_ = 0;
  long long offset_ = 0;
  long long count_ = 0;
  std::string new_name_;
  Won new_price_ = 0;
  long long new_stock_ = 0;
  long long stock_delta_ = 0;
  long long max_stock_ = 0;
  soci::indicator name_ind_ = soci::i_null;
  soci::indicator price_ind_ = soci::i_null;
  soci::indicator stock_ind_ = soci::i_null;
  soci::statement find_;
  soci::statement list_;
  soci::statement count_stmt_;
  soci::statement insert_;
  soci::statement update_;
  soci::statement lock_for_restock_;
  soci::statement restock_;
};

}  // namespace shop::model
