#include "model/product/product_facade.hpp"

#include "model/db/database.hpp"
#include "model/product/catalog_reads.hpp"
#include "model/product/product_service.hpp"

namespace shop::model {

// Reads run as single autocommit statements: under READ COMMITTED a wrapping transaction would add two
// round trips and no consistency. A standby may answer them: the catalog tolerates a moment's lag.
Product ProductFacade::get(Id product_id) {
  return reads_.read([&](ProductService& products) { return products.require(product_id); });
}

Page<Product> ProductFacade::list(const PageRequest& page) {
  return reads_.read([&](ProductService& products) { return products.list(page); });
}

std::vector<RankedProduct> ProductFacade::top(int days, int limit) {
  return reads_.read([&](ProductService& products) { return products.top(days, limit); });
}

Product ProductFacade::create(const ProductDraft& draft) {
  return db_.transact([&] { return products_.create(draft); });
}

Product ProductFacade::update(Id product_id, const ProductChanges& changes) {
  return db_.transact([&] { return products_.update(product_id, changes); });
}

}  // namespace shop::model
