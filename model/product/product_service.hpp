#pragma once

#include "model/page.hpp"
#include "model/product/product.hpp"
#include "model/product/product_repository.hpp"

namespace shop::model {

/// The seed's ProductService: proves a product exists (상품 인증) and keeps the catalog.
class ProductService {
 public:
  explicit ProductService(ProductRepository& products) : products_(products) {}

  /// The product with its current stock; throws PRODUCT_NOT_FOUND.
  Product require(Id product_id);
  Page<Product> list(const PageRequest& page);
  Product create(const ProductDraft& draft);
  /// Applies an admin's changes; INVALID_REQUEST when there are none, PRODUCT_NOT_FOUND.
  Product update(Id product_id, const ProductChanges& changes);

 private:
  ProductRepository& products_;
};

}  // namespace shop::model
