#pragma once

#include "model/account/account_repository.hpp"
#include "model/db/row.hpp"

namespace shop::model {

/// A row of account/credentials.
inline void read_row(const soci::values& row, AccountRepository::Credentials& credentials) {
  credentials.user_id = row.get<long long>("id");
  credentials.name = row.get<std::string>("name");
  credentials.password_hash = row.get<std::string>("password_hash");
}

/// A row of account/session_user: the session's user and its expiry (the token is not in the database).
inline void read_row(const soci::values& row, Session& session) {
  session.user_id = row.get<long long>("user_id");
  session.name = row.get<std::string>("name");
  session.token.clear();
  session.expires_at = row.get<std::string>("expires_at");
}

}  // namespace shop::model
