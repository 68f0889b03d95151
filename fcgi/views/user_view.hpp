#pragma once

#include "fcgi/json/json_writer.hpp"
#include "model/user/user.hpp"

namespace shop::fcgi {

/// `{"id", "name", "balance"}`.
void write_user(JsonWriter& json, const model::User& user);

}  // namespace shop::fcgi
