#include "model/user/user_repository.hpp"

#include "model/user/user_row.hpp"
#include "sql/queries.hpp"

namespace shop::model {

UserRepository::UserRepository(soci::session& sql)
    : find_((sql.prepare << sql::kUserFind, soci::use(id_, "id"), soci::into(row_))),
      find_for_session_((sql.prepare << sql::kUserFindForSession, soci::use(id_, "id"),
                         soci::use(token_hash_, "token_hash"), soci::into(row_))) {}

std::optional<User> UserRepository::find(Id id) {
  id_ = id;
  if (!find_.execute(true)) return std::nullopt;
  return row_;
}

std::optional<User> UserRepository::find_for_session(Id id, const std::string& token_hash) {
  id_ = id;
  token_hash_ = token_hash;
  if (!find_for_session_.execute(true)) return std::nullopt;
  return row_;
}

}  // namespace shop::model
