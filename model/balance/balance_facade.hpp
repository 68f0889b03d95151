#pragma once

#include "model/balance/ledger_entry.hpp"
#include "model/page.hpp"
#include "model/user/user.hpp"

namespace shop::model {

class Database;
class UserService;
class BalanceService;

/// The seed's 잔액 충전 and 잔액 조회 flows: the user must exist (UserService), and the balance is read or
/// changed (BalanceService). A charge is a single statement; reads are autocommit statements.
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
