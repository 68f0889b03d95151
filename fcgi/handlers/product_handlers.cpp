#include "fcgi/handlers/routes.hpp"
#include "fcgi/views/json_response.hpp"
#include "fcgi/views/page_view.hpp"
#include "fcgi/views/product_view.hpp"
#include "fcgi/views/ranking_view.hpp"
#include "model/limits.hpp"

namespace shop::fcgi {
namespace {

namespace limits = model::limits;

Response get_product(Context& context) {
  const model::Id product_id = context.id_param("productId");
  return json_response(200, write_product, context.shop().products().get(product_id));
}

Response list_products(Context& context) {
  const model::PageRequest request = context.query().page();
  return json_response(200, page_of(write_product), context.shop().products().list(request));
}

Response top_products(Context& context) {
  const QueryParams query = context.query();
  const auto days = static_cast<int>(query.integer("days", 7, 1, 30));
  const auto limit = static_cast<int>(query.integer("limit", 5, 1, 50));
  return json_response(200, write_ranking, days, context.shop().products().top(days, limit));
}

Response create_product(Context& context) {
  const JsonBody body = context.body();
  model::ProductDraft draft;
  draft.name = body.require_string("name", limits::kMaxProductNameChars);
  draft.price = body.require_int("price", 0, limits::kMaxPrice);
  draft.stock = body.require_int("stock", 0, limits::kMaxStock);
  return json_response(201, write_product, context.shop().products().create(draft));
}

Response update_product(Context& context) {
  const model::Id product_id = context.id_param("productId");
  const JsonBody body = context.body();
  model::ProductChanges changes;
  changes.name = body.optional_string("name", limits::kMaxProductNameChars);
  changes.price = body.optional_int("price", 0, limits::kMaxPrice);
  changes.stock = body.optional_int("stock", 0, limits::kMaxStock);
  changes.stock_delta = body.optional_int("stockDelta", -limits::kMaxStock, limits::kMaxStock);
  return json_response(200, write_product, context.shop().products().update(product_id, changes));
}

}  // namespace

void add_product_routes(Router& router) {
  router.add("GET", "/api/v1/products", list_products);
  router.add("GET", "/api/v1/products/top", top_products);
  router.add("GET", "/api/v1/products/{productId}", get_product);
  router.add("POST", "/api/v1/admin/products", create_product, Access::admin(), Retry::kIdempotent);
  // A stockDelta applied twice restocks twice: the PATCH takes a key as the POSTs do.
  router.add("PATCH", "/api/v1/admin/products/{productId}", update_product, Access::admin(), Retry::kIdempotent);
}

}  // namespace shop::fcgi
