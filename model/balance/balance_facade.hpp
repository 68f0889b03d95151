#pragma once

#include "model/balance/balance_service.hpp"
#include "model/user/user_service.hpp"

namespace shop::model {

/// The seed's 잔액 충전 and 잔액 조회 flows: the user must exist (UserService), and the balance is read or
/// changed (BalanceService). A charge is a single statement; reads are autocommit statements.
class BalanceFacade {
 public:
  BalanceFacade(UserService& users, BalanceService& balances) : users_(users), balances_(balances) {}

  User balance(Id user_id);
  ChargeResult charge(Id user_id, Won amount);
  Page<LedgerEntry> history(Id user_id, const PageRequest& page);

 private:
  UserService& users_;
  BalanceService& balances_;
};

}  // namespace shop::model
