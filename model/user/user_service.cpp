#include "model/user/user_service.hpp"

#include "model/domain_error.hpp"

namespace shop::model {

User UserService::require(Id user_id) {
  auto user = users_.find(user_id);
  if (!user) throw DomainError(ErrorCode::kUserNotFound);
  return *std::move(user);
}

}  // namespace shop::model
