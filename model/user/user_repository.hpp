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

 private:
  Id id_ = 0;
  User row_;
  soci::statement find_;
};

}  // namespace shop::model
