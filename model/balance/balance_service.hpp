#pragma once

#include <optional>
#include <string>

#include "model/balance/balance_repository.hpp"
#include "model/balance/ledger_entry.hpp"
#include "model/page.hpp"
#include "model/user/user.hpp"

namespace shop::model {

/// The seed's BalanceService: changes balances within the contract's rules.
class BalanceService {
 public:
  explicit BalanceService(BalanceRepository& balances) : balances_(balances) {}

  /// Adds `amount` (1..10,000,000, else INVALID_REQUEST) to the user's balance; nullopt when nothing was
  /// charged: the cap held the update back, there is no such user, or `session_hash` (empty: proven already)
  /// is no live session of the user.
  std::optional<ChargeResult> charge(Id user_id, Won amount, const std::string& session_hash = {});
  Page<LedgerEntry> history(const User& user, const PageRequest& page);

 private:
  BalanceRepository& balances_;
};

}  // namespace shop::model
