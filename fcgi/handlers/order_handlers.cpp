#include <limits>
#include <string>

#include "fcgi/handlers/routes.hpp"
#include "fcgi/views/json_response.hpp"
#include "fcgi/views/order_view.hpp"
#include "fcgi/views/page_view.hpp"
#include "model/domain_error.hpp"
#include "model/limits.hpp"

namespace shop::fcgi {
namespace {

namespace limits = model::limits;
constexpr long long kMaxId = std::numeric_limits<long long>::max();

std::vector<model::OrderRequestLine> read_lines(const JsonBody& body) {
  const auto& items = body.require_array("items", 1, limits::kMaxOrderLines);
  std::vector<model::OrderRequestLine> lines;
  for (rapidjson::SizeType i = 0; i < items.Size(); ++i) {
    const std::string prefix = "items[" + std::to_string(i) + "]";
    const model::Id product_id = read_member_int(items[i], prefix, "productId", 1, kMaxId);
    const auto quantity = static_cast<int>(read_member_int(items[i], prefix, "quantity", 1, limits::kMaxLineQuantity));
    lines.push_back(model::OrderRequestLine{product_id, quantity});
  }
  return lines;
}

Response place_order(Context& context) {
  const auto lines = read_lines(context.body());
  return json_response(201, write_order,
                       context.shop().orders().place(context.acting_user(), lines, context.unproven_token()));
}

Response checkout(Context& context) {
  const model::Id user_id = context.id_param("userId");
  return json_response(201, write_order, context.shop().orders().checkout(user_id));
}

Response get_order(Context& context) {
  const model::Id order_id = context.id_param("orderId");
  // A user reads only their own orders: another user's is ORDER_NOT_FOUND, as if it did not exist. The admin
  // reads any, and `?userId=` makes its read an ownership check too (checked as an id whoever sends it). A
  // user naming another user there finds nothing either.
  std::optional<model::Id> user_id;
  if (const QueryParams query = context.query(); query.get("userId")) {
    user_id = query.integer("userId", 0, 1, kMaxId);
  }
  if (context.caller().kind == Context::Caller::Kind::kUser) {
    const model::Id own = context.caller().session.user_id;
    if (user_id && *user_id != own) throw model::DomainError(model::ErrorCode::kOrderNotFound);
    user_id = own;
  }
  return json_response(200, write_order, context.shop().orders().get(order_id, user_id));
}

Response list_orders(Context& context) {
  const model::Id user_id = context.id_param("userId");
  const model::PageRequest request = context.query().page();
  return json_response(200, page_of(write_order), context.shop().orders().list(user_id, request));
}

Response cancel_order(Context& context) {
  const model::Id order_id = context.id_param("orderId");
  return json_response(200, write_order, context.shop().orders().cancel(order_id, context.acting_user()));
}

Response pay(Context& context) {
  const model::Id order_id = context.body().require_int("orderId", 1, kMaxId);
  return json_response(201, write_payment,
                       context.shop().orders().pay(order_id, context.acting_user(), context.unproven_token()));
}

}  // namespace

void add_order_routes(Router& router) {
  // The flow's two writes check the token inside their one statement.
  router.add("POST", "/api/v1/orders", place_order, Access::user_in_body("userId").with_token_checked_by_statement(),
             Retry::kIdempotent);
  router.add("GET", "/api/v1/orders/{orderId}", get_order, Access::signed_in());
  router.add("POST", "/api/v1/orders/{orderId}/cancel", cancel_order, Access::user_in_body("userId"),
             Retry::kIdempotent);
  router.add("GET", "/api/v1/users/{userId}/orders", list_orders, Access::user_in_path("userId"));
  router.add("POST", "/api/v1/users/{userId}/basket/checkout", checkout, Access::user_in_path("userId"),
             Retry::kIdempotent);
  router.add("POST", "/api/v1/payments", pay, Access::user_in_body("userId").with_token_checked_by_statement(),
             Retry::kIdempotent);
}

}  // namespace shop::fcgi
