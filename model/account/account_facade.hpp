#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/account/session.hpp"

namespace shop::model {

class Database;
class AccountRepository;
class SessionService;

/// Accounts (API.md "Accounts, sign-in and who may do what"): sign-up, sign-in, the session of a token,
/// sign-out. Passwords are hashed outside any transaction: a slow hash never holds a lock.
class AccountFacade {
 public:
  AccountFacade(Database& db, AccountRepository& accounts, SessionService& sessions, int session_ttl_seconds)
      : db_(db), accounts_(accounts), sessions_(sessions), session_ttl_seconds_(session_ttl_seconds) {}

  /// A new user of that name and password, signed in; NAME_TAKEN.
  SignUp sign_up(const std::string& name, std::string_view password);
  /// A new session; INVALID_CREDENTIALS for an unknown name and a wrong password alike (and in the same time).
  Session sign_in(const std::string& name, std::string_view password);
  /// The live session of a token (one indexed lookup); nullopt when unknown, expired or revoked.
  std::optional<Session> session(std::string_view token);
  /// The token's session, which must be `user_id`'s: UNAUTHORIZED, FORBIDDEN (SessionService::prove).
  Session prove(std::string_view token, Id user_id);
  /// Revokes the token's session at once.
  void sign_out(std::string_view token);
  /// Deletes up to `batch` expired or revoked sessions; how many.
  long long delete_dead_sessions(int batch);

 private:
  Database& db_;
  AccountRepository& accounts_;
  SessionService& sessions_;
  int session_ttl_seconds_;
};

}  // namespace shop::model
