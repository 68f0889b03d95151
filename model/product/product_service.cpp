#include "model/product/product_service.hpp"

#include "model/domain_error.hpp"

namespace shop::model {

Product ProductService::require(Id product_id) {
  auto product = products_.find(product_id);
  if (!product) throw DomainError(ErrorCode::kProductNotFound);
  return *std::move(product);
}

Page<Product> ProductService::list(const PageRequest& page) {
  return Page<Product>{products_.list(page), page.page, page.size, products_.count()};
}

Product ProductService::create(const ProductDraft& draft) {
  return products_.insert(draft);
}

Product ProductService::update(Id product_id, const ProductChanges& changes) {
  if (changes.empty()) throw DomainError(ErrorCode::kInvalidRequest);
  auto product = products_.update(product_id, changes);
  if (!product) throw DomainError(ErrorCode::kProductNotFound);
  return *std::move(product);
}

}  // namespace shop::model
