#pragma once

#include <vector>

#include "model/page.hpp"
#include "model/product/product.hpp"
#include "model/product/product_repository.hpp"
#include "model/ranking/ranked_product.hpp"
#include "model/ranking/sales_repository.hpp"

namespace shop::model {

/// The seed's ProductService: proves a product exists (상품 인증) and keeps the catalog.
class ProductService {
 public:
  ProductService(ProductRepository& products, SalesRepository& sales) : products_(products), sales_(sales) {}

  /// The product with its current stock; throws PRODUCT_NOT_FOUND.
  Product require(Id product_id);
  Page<Product> list(const PageRequest& page);
  Product create(const ProductDraft& draft);
  /// Applies an admin's changes, all or none: INVALID_REQUEST when there are none; PRODUCT_NOT_FOUND;
  /// OUT_OF_STOCK when the stock delta would take the stock below 0; INVALID_REQUEST ("stockDelta") when it
  /// comes with `stock` or would grow the stock past the cap.
  Product update(Id product_id, const ProductChanges& changes);

  /// Gives a closed order's units back.
  void restock(Id order_id);

  /// The seed's weekly top-N, from the ranking table.
  std::vector<RankedProduct> top(int days, int limit);

 private:
  ProductRepository& products_;
  SalesRepository& sales_;
};

}  // namespace shop::model
