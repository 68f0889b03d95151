#pragma once

#include <string>

#include "model/user/user.hpp"

namespace shop::model {

class Database;
class UserService;

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
