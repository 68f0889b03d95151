#pragma once

#include "fcgi/json/json_writer.hpp"
#include "model/account/session.hpp"

namespace shop::fcgi {

/// `{"id", "name", "balance", "token", "expiresAt"}`: a new user, signed in.
void write_sign_up(JsonWriter& json, const model::SignUp& sign_up);
/// `{"userId", "name", "token", "expiresAt"}`: a new session.
void write_new_session(JsonWriter& json, const model::Session& session);
/// `{"userId", "name", "expiresAt"}`: the session of the caller's token (never the token again).
void write_session(JsonWriter& json, const model::Session& session);

}  // namespace shop::fcgi
