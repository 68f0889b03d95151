#include "model/balance/balance_facade.hpp"

#include "model/account/secrets.hpp"
#include "model/account/session_service.hpp"
#include "model/balance/balance_service.hpp"
#include "model/db/database.hpp"
#include "model/domain_error.hpp"
#include "model/user/user_service.hpp"

namespace shop::model {

// Reads run as single autocommit statements: under READ COMMITTED a wrapping transaction would add two
// round trips and no consistency.
User BalanceFacade::balance(Id user_id, std::string_view unproven_token) {
  if (unproven_token.empty()) return db_.autocommit([&] { return users_.require(user_id); });
  const std::string session_hash = token_hash(unproven_token);
  return db_.autocommit([&] {
    if (auto user = users_.find_for_session(user_id, session_hash)) return *std::move(user);
    sessions_.prove(unproven_token, user_id);
    return users_.require(user_id);
  });
}

// One autocommit statement changes the balance and writes its ledger line, so a charge is one round trip, not
// four (BEGIN, the user's read, the change, COMMIT). Only when it charged nothing is the user read, to tell
// USER_NOT_FOUND from the cap (users are never deleted, so the answer cannot go stale), after the token's
// proof when the statement checked one.
ChargeResult BalanceFacade::charge(Id user_id, Won amount, std::string_view unproven_token) {
  const std::string session_hash = unproven_token.empty() ? std::string() : token_hash(unproven_token);
  return db_.autocommit([&] {
    if (auto charged = balances_.charge(user_id, amount, session_hash)) return *charged;
    if (!unproven_token.empty()) sessions_.prove(unproven_token, user_id);
    users_.require(user_id);
    throw DomainError(ErrorCode::kBalanceLimitExceeded);
  });
}

Page<LedgerEntry> BalanceFacade::history(Id user_id, const PageRequest& page) {
  return db_.autocommit([&] { return balances_.history(users_.require(user_id), page); });
}

}  // namespace shop::model
