#pragma once

#include <vector>

#include "model/page.hpp"
#include "model/product/product.hpp"
#include "model/ranking/ranked_product.hpp"

namespace shop::model {

class Database;
class ProductService;

/// The seed's 상품 조회 flow, the catalog list and the admin's changes; one transaction per change.
class ProductFacade {
 public:
  ProductFacade(Database& db, ProductService& products) : db_(db), products_(products) {}

  Product get(Id product_id);
  Page<Product> list(const PageRequest& page);
  Product create(const ProductDraft& draft);
  Product update(Id product_id, const ProductChanges& changes);
  /// The seed's 상위 TOP5 flow: best sellers of the last `days` days.
  std::vector<RankedProduct> top(int days, int limit);

 private:
  Database& db_;
  ProductService& products_;
};

}  // namespace shop::model
