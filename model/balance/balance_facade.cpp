#include "model/balance/balance_facade.hpp"

namespace shop::model {

// Reads run as single autocommit statements: under READ COMMITTED a wrapping transaction would add two
// round trips and no consistency.
User BalanceFacade::balance(Id user_id) {
  return users_.require(user_id);
}

ChargeResult BalanceFacade::charge(Id user_id, Won amount) {
  return db_.transact([&] { return balances_.charge(users_.require(user_id), amount); });
}

Page<LedgerEntry> BalanceFacade::history(Id user_id, const PageRequest& page) {
  return balances_.history(users_.require(user_id), page);
}

}  // namespace shop::model
