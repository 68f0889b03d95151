#include "fcgi/handlers/routes.hpp"
#include "fcgi/json/json_writer.hpp"
#include "fcgi/views/page_view.hpp"
#include "model/limits.hpp"

namespace shop::fcgi {
namespace {

Response get_balance(Context& context) {
  const model::Id user_id = context.id_param("userId");
  const model::User user = context.shop().balance().balance(user_id);
  JsonWriter json;
  json.begin_object().field("userId", user.id).field("balance", user.balance).end_object();
  return Response{200, json.str(), {}};
}

Response charge(Context& context) {
  const model::Id user_id = context.id_param("userId");
  const long long amount = context.body().require_int("amount", model::limits::kMinCharge, model::limits::kMaxCharge);
  const model::ChargeResult result = context.shop().balance().charge(user_id, amount);
  JsonWriter json;
  json.begin_object().field("userId", result.user_id).field("balance", result.balance);
  json.field("charged", result.charged).end_object();
  return Response{200, json.str(), {}};
}

void write_ledger_entry(JsonWriter& json, const model::LedgerEntry& entry) {
  json.begin_object().field("id", entry.id).field("type", model::to_string(entry.type)).field("amount", entry.amount);
  json.field("balanceAfter", entry.balance_after).field("orderId", entry.order_id);
  json.field("createdAt", entry.created_at).end_object();
}

Response history(Context& context) {
  const model::Id user_id = context.id_param("userId");
  const model::PageRequest request = context.query().page();
  const auto page = context.shop().balance().history(user_id, request);
  JsonWriter json;
  write_page(json, page, write_ledger_entry);
  return Response{200, json.str(), {}};
}

}  // namespace

void add_balance_routes(Router& router) {
  router.add("GET", "/api/v1/users/{userId}/balance", get_balance);
  router.add("POST", "/api/v1/users/{userId}/balance/charge", charge);
  router.add("GET", "/api/v1/users/{userId}/balance/history", history);
}

}  // namespace shop::fcgi
