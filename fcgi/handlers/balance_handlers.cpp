#include "fcgi/handlers/routes.hpp"
#include "fcgi/views/balance_view.hpp"
#include "fcgi/views/json_response.hpp"
#include "fcgi/views/page_view.hpp"
#include "model/limits.hpp"

namespace shop::fcgi {
namespace {

Response get_balance(Context& context) {
  const model::Id user_id = context.id_param("userId");
  return json_response(200, write_balance, context.shop().balance().balance(user_id, context.unproven_token()));
}

Response charge(Context& context) {
  const model::Id user_id = context.id_param("userId");
  const long long amount = context.body().require_int("amount", model::limits::kMinCharge, model::limits::kMaxCharge);
  return json_response(200, write_charge, context.shop().balance().charge(user_id, amount, context.unproven_token()));
}

Response history(Context& context) {
  const model::Id user_id = context.id_param("userId");
  const model::PageRequest request = context.query().page();
  return json_response(200, page_of(write_ledger_entry), context.shop().balance().history(user_id, request));
}

}  // namespace

void add_balance_routes(Router& router) {
  // The two hot paths check the token inside their one statement.
  router.add("GET", "/api/v1/users/{userId}/balance", get_balance,
             Access::user_in_path("userId").with_token_checked_by_statement());
  router.add("POST", "/api/v1/users/{userId}/balance/charge", charge,
             Access::user_in_path("userId").with_token_checked_by_statement(), Retry::kIdempotent);
  router.add("GET", "/api/v1/users/{userId}/balance/history", history, Access::user_in_path("userId"));
}

}  // namespace shop::fcgi
