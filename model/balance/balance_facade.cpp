#include "model/balance/balance_facade.hpp"

namespace shop::model {

User BalanceFacade::balance(Id user_id) {
  return db_.transact([&] { return users_.require(user_id); });
}

ChargeResult BalanceFacade::charge(Id user_id, Won amount) {
  return db_.transact([&] { return balances_.charge(users_.require(user_id), amount); });
}

Page<LedgerEntry> BalanceFacade::history(Id user_id, const PageRequest& page) {
  // One snapshot for the page and its count.
  return db_.transact([&] { return balances_.history(users_.require(user_id), page); });
}

}  // namespace shop::model
