#include "model/user/user_repository.hpp"

#include "sql/queries.hpp"

namespace shop::model {

UserRepository::UserRepository(soci::session& sql)
    : insert_((sql.prepare << sql::kUserInsert, soci::use(name_), soci::into(id_), soci::into(balance_))),
      find_((sql.prepare << sql::kUserFind, soci::use(id_), soci::into(name_), soci::into(balance_))) {}

User UserRepository::insert(const std::string& name) {
  name_ = name;
  insert_.execute(true);
  return User{id_, name_, balance_};
}

std::optional<User> UserRepository::find(Id id) {
  id_ = id;
  if (!find_.execute(true)) return std::nullopt;
  return User{id, name_, balance_};
}

}  // namespace shop::model
