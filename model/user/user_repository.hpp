#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

#include "model/user/user.hpp"

namespace shop::model {

/// The SQL of users. Statements are prepared once per connection; their bound buffers are members,
/// so a repository is neither copied nor moved.
class UserRepository {
 public:
  explicit UserRepository(soci::session& sql);
  UserRepository(const UserRepository&) = delete;
  UserRepository& operator=(const UserRepository&) = delete;

  std::optional<User> find(Id id);
  /// The user, if `token_hash` is a live session of it: nullopt for a missing user and an unproven token alike.
  std::optional<User> find_for_session(Id id, const std::string& token_hash);

 private:
  Id id_ = 0;
  std::string token_hash_;
  User row_;
  soci::statement find_;
  soci::statement find_for_session_;
};

}  // namespace shop::model
