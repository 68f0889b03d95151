#include "model/account/account_repository.hpp"

#include "model/account/account_rows.hpp"
#include "model/user/user_row.hpp"
#include "sql/queries.hpp"

namespace shop::model {

AccountRepository::AccountRepository(soci::session& sql)
    : insert_user_((sql.prepare << sql::kAccountSignUp, soci::use(name_, "name"),
                    soci::use(password_hash_, "password_hash"), soci::into(user_))),
      credentials_stmt_((sql.prepare << sql::kAccountCredentials, soci::use(name_, "name"), soci::into(credentials_))),
      open_session_((sql.prepare << sql::kAccountOpenSession, soci::use(token_hash_, "token_hash"),
                     soci::use(user_id_, "user_id"), soci::use(ttl_seconds_, "ttl_seconds"), soci::into(expires_at_))),
      find_session_(
          (sql.prepare << sql::kAccountSessionUser, soci::use(token_hash_, "token_hash"), soci::into(session_))),
      revoke_session_((sql.prepare << sql::kAccountRevokeSession, soci::use(token_hash_, "token_hash"))),
      delete_dead_sessions_((sql.prepare << sql::kAccountDeleteDeadSessions, soci::use(batch_, "batch"))) {}

std::optional<User> AccountRepository::insert_user(const std::string& name, const std::string& password_hash) {
  name_ = name;
  password_hash_ = password_hash;
  if (!insert_user_.execute(true)) return std::nullopt;
  return user_;
}

std::optional<AccountRepository::Credentials> AccountRepository::credentials(const std::string& name) {
  name_ = name;
  if (!credentials_stmt_.execute(true)) return std::nullopt;
  return credentials_;
}

std::string AccountRepository::open_session(Id user_id, const std::string& token_hash, int ttl_seconds) {
  user_id_ = user_id;
  token_hash_ = token_hash;
  ttl_seconds_ = ttl_seconds;
  open_session_.execute(true);
  return expires_at_;
}

std::optional<Session> AccountRepository::find_session(const std::string& token_hash) {
  token_hash_ = token_hash;
  if (!find_session_.execute(true)) return std::nullopt;
  return session_;
}

bool AccountRepository::revoke_session(const std::string& token_hash) {
  token_hash_ = token_hash;
  revoke_session_.execute(true);
  return revoke_session_.get_affected_rows() > 0;
}

long long AccountRepository::delete_dead_sessions(int batch) {
  batch_ = batch;
  delete_dead_sessions_.execute(true);
  return delete_dead_sessions_.get_affected_rows();
}

}  // namespace shop::model
