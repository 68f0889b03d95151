#pragma once

#include <string_view>

#include "model/balance/ledger_entry.hpp"
#include "model/page.hpp"
#include "model/user/user.hpp"

namespace shop::model {

class Database;
class UserService;
class BalanceService;
class SessionService;

/// The seed's 잔액 충전 and 잔액 조회 flows: the user must exist (UserService), and the balance is read or
/// changed (BalanceService). A charge is a single statement; reads are autocommit statements.
///
/// The two hot paths also take the caller's proof: `unproven_token` is the bearer token when nothing has
/// shown yet that it is `user_id`'s (empty: the front has proven the caller). The one statement that reads
/// or charges then checks the token too, so the request stays one round trip; only when it finds nothing is
/// the reason looked up: UNAUTHORIZED or FORBIDDEN (SessionService) before USER_NOT_FOUND or the cap.
class BalanceFacade {
 public:
  BalanceFacade(Database& db, UserService& users, BalanceService& balances, SessionService& sessions)
      : db_(db), users_(users), balances_(balances), sessions_(sessions) {}

  User balance(Id user_id, std::string_view unproven_token = {});
  ChargeResult charge(Id user_id, Won amount, std::string_view unproven_token = {});
  Page<LedgerEntry> history(Id user_id, const PageRequest& page);

 private:
  Database& db_;
  UserService& users_;
  BalanceService& balances_;
  SessionService& sessions_;
};

}  // namespace shop::model
