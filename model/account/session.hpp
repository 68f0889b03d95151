#pragma once

#include <string>

#include "model/types.hpp"
#include "model/user/user.hpp"

namespace shop::model {

/// A signed-in user: the token proves it. The token itself is known only here, once, when it is made; the
/// database keeps its hash.
struct Session {
  Id user_id = 0;
  std::string name;
  std::string token;       ///< empty when the session was looked up by its token
  std::string expires_at;  ///< RFC 3339
};

/// What a sign-up returns: the new user, signed in.
struct SignUp {
  User user;
  Session session;
};

}  // namespace shop::model
