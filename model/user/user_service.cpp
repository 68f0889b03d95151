#include "model/user/user_service.hpp"

#include "model/domain_error.hpp"

namespace shop::model {

User UserService::require(Id user_id) {
  auto user = users_.find(user_id);
  if (!user) throw DomainError(ErrorCode::kUserNotFound);
  return *std::move(user);
}

User UserService::require_balance(Id user_id, Won amount) {
  User user = require(user_id);
  if (user.balance < amount) throw DomainError(ErrorCode::kInsufficientBalance);
  return user;
}

}  // namespace shop::model
