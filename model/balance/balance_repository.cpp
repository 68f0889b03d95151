#include "model/balance/balance_repository.hpp"

#include "model/balance/ledger_entry_row.hpp"
#include "model/limits.hpp"
#include "sql/queries.hpp"

namespace shop::model {

BalanceRepository::BalanceRepository(soci::session& sql)
    : charge_((sql.prepare << sql::kBalanceCharge, soci::use(amount_, "amount"), soci::use(user_id_, "user_id"),
               soci::use(limits::kMaxBalance, "max_balance"), soci::use(session_hash_, "token_hash"),
               soci::into(balance_))),
      history_((sql.prepare << sql::kBalanceHistory, soci::use(user_id_, "user_id"), soci::use(limit_, "limit"),
                soci::use(offset_, "offset"), soci::into(row_))),
      count_stmt_((sql.prepare << sql::kBalanceCount, soci::use(user_id_, "user_id"), soci::into(count_))) {}

std::optional<Won> BalanceRepository::charge(Id user_id, Won amount, const std::string& session_hash) {
  user_id_ = user_id;
  amount_ = amount;
  session_hash_ = session_hash;
  if (!charge_.execute(true)) return std::nullopt;
  return balance_;
}

std::vector<LedgerEntry> BalanceRepository::history(Id user_id, const PageRequest& page) {
  user_id_ = user_id;
  limit_ = page.size;
  offset_ = page.offset();
  return fetch_all(history_, row_);
}

long long BalanceRepository::count(Id user_id) {
  user_id_ = user_id;
  count_stmt_.execute(true);
  return count_;
}

}  // namespace shop::model
