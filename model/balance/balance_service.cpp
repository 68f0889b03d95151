#include "model/balance/balance_service.hpp"

#include "model/domain_error.hpp"
#include "model/limits.hpp"

namespace shop::model {

std::optional<ChargeResult> BalanceService::charge(Id user_id, Won amount, const std::string& session_hash) {
  if (amount < limits::kMinCharge || amount > limits::kMaxCharge) {
    throw DomainError(ErrorCode::kInvalidRequest, "amount");
  }
  const auto balance = balances_.charge(user_id, amount, session_hash);
  if (!balance) return std::nullopt;
  return ChargeResult{user_id, *balance, amount};
}

Page<LedgerEntry> BalanceService::history(const User& user, const PageRequest& page) {
  return Page<LedgerEntry>{balances_.history(user.id, page), page.page, page.size, balances_.count(user.id)};
}

}  // namespace shop::model
