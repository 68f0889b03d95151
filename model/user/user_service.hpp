#pragma once

#include <optional>
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
  /// The user, if the token's hash is a live session of it; nullopt for a missing user and an unproven
  /// token alike.
  std::optional<User> find_for_session(Id user_id, const std::string& token_hash) {
    return users_.find_for_session(user_id, token_hash);
  }

 private:
  UserRepository& users_;
};

}  // namespace shop::model
