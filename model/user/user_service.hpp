#pragma once

#include <string>

#include "model/user/user.hpp"
#include "model/user/user_repository.hpp"

namespace shop::model {

/// The seed's UserService: proves a user exists (유저 인증 is the token's check, in front of it).
class UserService {
 public:
  explicit UserService(UserRepository& users) : users_(users) {}

  /// The user with its current balance; throws USER_NOT_FOUND.
  User require(Id user_id);
  /// The user, holding at least `amount`; USER_NOT_FOUND, INSUFFICIENT_BALANCE.
  User require_balance(Id user_id, Won amount);

 private:
  UserRepository& users_;
};

}  // namespace shop::model
