#include "fcgi/handlers/routes.hpp"
#include "fcgi/views/json_response.hpp"
#include "fcgi/views/user_view.hpp"
#include "model/limits.hpp"

namespace shop::fcgi {
namespace {

Response create_user(Context& context) {
  const std::string name = context.body().require_string("name", model::limits::kMaxUserNameChars);
  return json_response(201, write_user, context.shop().users().register_user(name));
}

}  // namespace

void add_user_routes(Router& router) {
  router.add("POST", "/api/v1/users", create_user);
}

}  // namespace shop::fcgi
