#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

#include "model/account/session.hpp"
#include "model/user/user.hpp"

namespace shop::model {

/// The SQL of accounts and sessions, prepared once per connection.
class AccountRepository {
 public:
  explicit AccountRepository(soci::session& sql);
  AccountRepository(const AccountRepository&) = delete;
  AccountRepository& operator=(const AccountRepository&) = delete;

  /// A new user with that password hash; nullopt when the name is taken.
  std::optional<User> insert_user(const std::string& name, const std::string& password_hash);

  struct Credentials {
    Id user_id = 0;
    std::string name;
    std::string password_hash;
  };
  /// The account of that name, if it has a password.
  std::optional<Credentials> credentials(const std::string& name);

  /// Records a session of the token's hash; returns when it expires.
  std::string open_session(Id user_id, const std::string& token_hash, int ttl_seconds);
  /// The live session of the token's hash (not expired, not revoked).
  std::optional<Session> find_session(const std::string& token_hash);
  /// True when a live session was revoked.
  bool revoke_session(const std::string& token_hash);
  /// Deletes up to `batch` expired or revoked sessions; how many.
  long long delete_dead_sessions(int batch);

 private:
  std::string name_;
  std::string password_hash_;
  std::string token_hash_;
  Id user_id_ = 0;
  int ttl_seconds_ = 0;
  int batch_ = 0;
  std::string expires_at_;
  User user_;
  Credentials credentials_;
  Session session_;
  soci::statement insert_user_;
  soci::statement credentials_stmt_;
  soci::statement open_session_;
  soci::statement find_session_;
  soci::statement revoke_session_;
  soci::statement delete_dead_sessions_;
};

}  // namespace shop::model
