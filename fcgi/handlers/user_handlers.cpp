#include "fcgi/handlers/routes.hpp"
#include "fcgi/json/json_writer.hpp"
#include "model/limits.hpp"

namespace shop::fcgi {
namespace {

Response create_user(Context& context) {
  const std::string name = context.body().require_string("name", model::limits::kMaxUserNameChars);
  const model::User user = context.shop().users().register_user(name);
  JsonWriter json;
  json.begin_object().field("id", user.id).field("name", user.name).field("balance", user.balance).end_object();
  return Response{201, json.str(), {}};
}

}  // namespace

void add_user_routes(Router& router) {
  router.add("POST", "/api/v1/users", create_user);
}

}  // namespace shop::fcgi
