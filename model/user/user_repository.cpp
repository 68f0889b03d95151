#include "model/user/user_repository.hpp"

#include "model/user/user_row.hpp"
#include "sql/queries.hpp"

namespace shop::model {

UserRepository::UserRepository(soci::session& sql)
    : find_((sql.prepare << sql::kUserFind, soci::use(id_, "id"), soci::into(row_))) {}

std::optional<User> UserRepository::find(Id id) {
  id_ = id;
  if (!find_.execute(true)) return std::nullopt;
  return row_;
}

}  // namespace shop::model
