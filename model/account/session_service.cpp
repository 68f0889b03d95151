#include "model/account/session_service.hpp"

#include "model/account/account_repository.hpp"
#include "model/account/secrets.hpp"
#include "model/domain_error.hpp"

namespace shop::model {

std::optional<Session> SessionService::find(std::string_view token) {
  return accounts_.find_session(token_hash(token));
}

Session SessionService::prove(std::string_view token, Id user_id) {
  auto session = find(token);
  if (!session) throw DomainError(ErrorCode::kUnauthorized);
  if (session->user_id != user_id) throw DomainError(ErrorCode::kForbidden);
  return *std::move(session);
}

}  // namespace shop::model
