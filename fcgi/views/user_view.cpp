#include "fcgi/views/user_view.hpp"

namespace shop::fcgi {

void write_sign_up(JsonWriter& json, const model::SignUp& sign_up) {
  const model::User& user = sign_up.user;
  json.begin_object().field("id", user.id).field("name", user.name).field("balance", user.balance);
  json.field("token", sign_up.session.token).field("expiresAt", sign_up.session.expires_at).end_object();
}

void write_new_session(JsonWriter& json, const model::Session& session) {
  json.begin_object().field("userId", session.user_id).field("name", session.name).field("token", session.token);
  json.field("expiresAt", session.expires_at).end_object();
}

void write_session(JsonWriter& json, const model::Session& session) {
  json.begin_object().field("userId", session.user_id).field("name", session.name);
  json.field("expiresAt", session.expires_at).end_object();
}

}  // namespace shop::fcgi
