#include <limits>

#include "fcgi/handlers/routes.hpp"
#include "fcgi/views/basket_view.hpp"
#include "fcgi/views/json_response.hpp"
#include "model/limits.hpp"

namespace shop::fcgi {
namespace {

using model::limits::kMaxLineQuantity;

Response get_basket(Context& context) {
  const model::Id user_id = context.id_param("userId");
  return json_response(200, write_basket, context.shop().basket().get(user_id));
}

Response add_item(Context& context) {
  const JsonBody body = context.body();
  const model::Id product_id = body.require_int("productId", 1, std::numeric_limits<long long>::max());
  const auto quantity = static_cast<int>(body.require_int("quantity", 1, kMaxLineQuantity));
  return json_response(
      200, write_basket,
      context.shop().basket().add(context.acting_user(), product_id, quantity, context.unproven_token()));
}

Response set_item(Context& context) {
  const model::Id user_id = context.id_param("userId");
  const model::Id product_id = context.id_param("productId");
  const auto quantity = static_cast<int>(context.body().require_int("quantity", 0, kMaxLineQuantity));
  return json_response(200, write_basket, context.shop().basket().set(user_id, product_id, quantity));
}

Response remove_item(Context& context) {
  const model::Id product_id = context.id_param("productId");
  return json_response(200, write_basket,
                       context.shop().basket().remove(context.acting_user(), product_id, context.unproven_token()));
}

}  // namespace

void add_basket_routes(Router& router) {
  router.add("GET", "/api/v1/users/{userId}/basket", get_basket, Access::user_in_path("userId"));
  // An add and a removal check the token inside their one statement.
  router.add("POST", "/api/v1/users/{userId}/basket/items", add_item,
             Access::user_in_path("userId").with_token_checked_by_statement(), Retry::kIdempotent);
  router.add("PUT", "/api/v1/users/{userId}/basket/items/{productId}", set_item, Access::user_in_path("userId"));
  router.add("DELETE", "/api/v1/users/{userId}/basket/items/{productId}", remove_item,
             Access::user_in_path("userId").with_token_checked_by_statement());
}

}  // namespace shop::fcgi
