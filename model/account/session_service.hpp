#pragma once

#include <optional>
#include <string_view>

#include "model/account/session.hpp"
#include "model/types.hpp"

namespace shop::model {

class AccountRepository;

/// What a bearer token proves: the one place that tells "no live session" (UNAUTHORIZED) from "another
/// user's session" (FORBIDDEN), for the front's access check and for the statements that check a token
/// themselves.
class SessionService {
 public:
  explicit SessionService(AccountRepository& accounts) : accounts_(accounts) {}

  /// The live session of a token (one indexed lookup); nullopt when unknown, expired or revoked.
  std::optional<Session> find(std::string_view token);
  /// The token's session, which must be `user_id`'s: UNAUTHORIZED when there is none, FORBIDDEN when it is
  /// another user's (whether `user_id` exists or not: a token never learns who exists).
  Session prove(std::string_view token, Id user_id);

 private:
  AccountRepository& accounts_;
};

}  // namespace shop::model
