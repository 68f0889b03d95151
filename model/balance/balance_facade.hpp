#pragma once

#include "model/balance/balance_service.hpp"
#include "model/db/database.hpp"
#include "model/user/user_service.hpp"

namespace shop::model {

/// The seed's 잔액 충전 and 잔액 조회 flows. Each method is one transaction: the user is proven to exist
/// (UserService), then the balance is read or changed (BalanceService).
class BalanceFacade {
 public:
  BalanceFacade(Database& db, UserService& users, BalanceService& balances)
      : db_(db), users_(users), balances_(balances) {}

  User balance(Id user_id);
  ChargeResult charge(Id user_id, Won amount);
  Page<LedgerEntry> history(Id user_id, const PageRequest& page);

 private:
  Database& db_;
  UserService& users_;
  BalanceService& balances_;
};

}  // namespace shop::model
