#pragma once

#include <vector>

#include "model/page.hpp"
#include "model/product/product.hpp"
#include "model/ranking/ranked_product.hpp"

namespace shop::model {

class CatalogReads;
class Database;
class ProductService;

/// The seed's 상품 조회 flow, the catalog list and the admin's changes; one transaction per change. Its reads go
/// through CatalogReads (a read standby when there is one), its changes to the primary.
class ProductFacade {
 public:
  ProductFacade(Database& db, CatalogReads& reads, ProductService& products)
      : db_(db), reads_(reads), products_(products) {}

  Product get(Id product_id);
  Page<Product> list(const PageRequest& page);
  Product create(const ProductDraft& draft);
  Product update(Id product_id, const ProductChanges& changes);
  /// The seed's 상위 TOP5 flow: best sellers of the last `days` days.
  std::vector<RankedProduct> top(int days, int limit);

 private:
  Database& db_;
  CatalogReads& reads_;
  ProductService& products_;
};

}  // namespace shop::model
