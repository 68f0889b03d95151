#include "fcgi/views/user_view.hpp"

namespace shop::fcgi {

void write_user(JsonWriter& json, const model::User& user) {
  json.begin_object().field("id", user.id).field("name", user.name).field("balance", user.balance).end_object();
}

}  // namespace shop::fcgi
