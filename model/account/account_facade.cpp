#include "model/account/account_facade.hpp"

#include "model/account/account_repository.hpp"
#include "model/account/secrets.hpp"
#include "model/account/session_service.hpp"
#include "model/db/database.hpp"
#include "model/domain_error.hpp"

namespace shop::model {

SignUp AccountFacade::sign_up(const std::string& name, std::string_view password) {
  const std::string password_hash = hash_password(password);
  const std::string token = new_session_token();
  return db_.transact([&] {
    auto user = accounts_.insert_user(name, password_hash);
    if (!user) throw DomainError(ErrorCode::kNameTaken);
    Session session{user->id, user->name, token,
                    accounts_.open_session(user->id, token_hash(token), session_ttl_seconds_)};
    return SignUp{*std::move(user), std::move(session)};
  });
}

Session AccountFacade::sign_in(const std::string& name, std::string_view password) {
  const auto credentials = db_.autocommit([&] { return accounts_.credentials(name); });
  if (!credentials) {
    check_password_of_nobody(password);
    throw DomainError(ErrorCode::kInvalidCredentials);
  }
  if (!password_matches(credentials->password_hash, password)) throw DomainError(ErrorCode::kInvalidCredentials);
  const std::string token = new_session_token();
  const std::string expires_at = db_.autocommit(
      [&] { return accounts_.open_session(credentials->user_id, token_hash(token), session_ttl_seconds_); });
  return Session{credentials->user_id, credentials->name, token, expires_at};
}

std::optional<Session> AccountFacade::session(std::string_view token) {
  return db_.autocommit([&] { return sessions_.find(token); });
}

Session AccountFacade::prove(std::string_view token, Id user_id) {
  return db_.autocommit([&] { return sessions_.prove(token, user_id); });
}

void AccountFacade::sign_out(std::string_view token) {
  const std::string hash = token_hash(token);
  db_.autocommit([&] { accounts_.revoke_session(hash); });
}

long long AccountFacade::delete_dead_sessions(int batch) {
  return db_.autocommit([&] { return accounts_.delete_dead_sessions(batch); });
}

}  // namespace shop::model
