#include "model/product/product_service.hpp"

#include "model/domain_error.hpp"
#include "model/limits.hpp"

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
  // Setting the stock and changing it at once has no single meaning.
  if (changes.stock && changes.stock_delta) throw DomainError(ErrorCode::kInvalidRequest, "stockDelta");
  auto product = products_.update(product_id, changes, limits::kMaxStock);
  if (product) return *std::move(product);
  // Nothing changed. Products are never deleted, so one that exists now existed then, and the delta's sign
  // tells which bound it crossed whatever the stock has become since.
  if (!products_.find(product_id)) throw DomainError(ErrorCode::kProductNotFound);
  if (changes.stock_delta.value_or(0) < 0) throw DomainError(ErrorCode::kOutOfStock);
  throw DomainError(ErrorCode::kInvalidRequest, "stockDelta");
}

void ProductService::restock(Id order_id) {
  products_.restock(order_id);
}

std::vector<RankedProduct> ProductService::top(int days, int limit) {
  return sales_.top(days, limit);
}

}  // namespace shop::model
