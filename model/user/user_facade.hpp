#pragma once

#include <string>

#include "model/db/database.hpp"
#include "model/user/user_service.hpp"

namespace shop::model {

/// Registration of users: one transaction per call.
class UserFacade {
 public:
  UserFacade(Database& db, UserService& users) : db_(db), users_(users) {}

  User register_user(const std::string& name);

 private:
  Database& db_;
  UserService& users_;
};

}  // namespace shop::model
