#include "model/product/product_facade.hpp"

#include "model/db/database.hpp"
#include "model/product/product_service.hpp"

namespace shop::model {

// Reads run as single autocommit statements: under READ COMMITTED a wrapping transaction would add two
// round trips and no consistency.
Product ProductFacade::get(Id product_id) {
  return db_.autocommit([&] { return products_.require(product_id); });
}

Page<Product> ProductFacade::list(const PageRequest& page) {
  return db_.autocommit([&] { return products_.list(page); });
}

std::vector<RankedProduct> ProductFacade::top(int days, int limit) {
  return db_.autocommit([&] { return products_.top(days, limit); });
}

Product ProductFacade::create(const ProductDraft& draft) {
  return db_.transact([&] { return products_.create(draft); });
}

Product ProductFacade::update(Id product_id, const ProductChanges& changes) {
  return db_.transact([&] { return products_.update(product_id, changes); });
}

}  // namespace shop::model
