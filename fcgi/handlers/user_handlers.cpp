#include "fcgi/handlers/routes.hpp"
#include "fcgi/views/json_response.hpp"
#include "fcgi/views/user_view.hpp"
#include "model/limits.hpp"

namespace shop::fcgi {
namespace {

namespace limits = model::limits;

/// Name and password of a sign-up or sign-in body.
struct Credentials {
  std::string name;
  std::string password;
};

Credentials read_credentials(const JsonBody& body) {
  Credentials credentials;
  credentials.name = body.require_string("name", limits::kMaxUserNameChars);
  credentials.password = body.require_string("password", limits::kMaxPasswordChars, limits::kMinPasswordChars);
  return credentials;
}

Response sign_up(Context& context) {
  const Credentials credentials = read_credentials(context.body());
  return json_response(201, write_sign_up, context.shop().accounts().sign_up(credentials.name, credentials.password));
}

Response sign_in(Context& context) {
  const Credentials credentials = read_credentials(context.body());
  return json_response(201, write_new_session,
                       context.shop().accounts().sign_in(credentials.name, credentials.password));
}

Response current_session(Context& context) {
  // The access check has just read this session; no second lookup.
  return json_response(200, write_session, context.caller().session);
}

Response sign_out(Context& context) {
  context.shop().accounts().sign_out(context.caller().token);
  return Response{204, {}, {}};
}

}  // namespace

void add_user_routes(Router& router) {
  router.add("POST", "/api/v1/users", sign_up);
  router.add("POST", "/api/v1/sessions", sign_in);
  router.add("GET", "/api/v1/sessions/current", current_session, Access::session());
  router.add("DELETE", "/api/v1/sessions/current", sign_out, Access::session());
}

}  // namespace shop::fcgi
