#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "model/balance/ledger_entry.hpp"
#include "model/page.hpp"

namespace shop::model {

/// The SQL of balances and their ledger. Each change of a balance is one statement that also writes
/// its ledger line, so the two can never disagree.
class BalanceRepository {
 public:
  explicit BalanceRepository(soci::session& sql);
  BalanceRepository(const BalanceRepository&) = delete;
  BalanceRepository& operator=(const BalanceRepository&) = delete;

  /// Adds `amount` unless the balance would pass the cap; the new balance, or nullopt when capped, when
  /// there is no such user, or when `session_hash` (empty: the caller is proven already) is no live session
  /// of the user.
  std::optional<Won> charge(Id user_id, Won amount, const std::string& session_hash);
  std::vector<LedgerEntry> history(Id user_id, const PageRequest& page);
  long long count(Id user_id);

 private:
  Id user_id_ = 0;
  Won amount_ = 0;
  Won balance_ = 0;
  std::string session_hash_;
  long long limit_ = 0;
  long long offset_ = 0;
  long long count_ = 0;
  LedgerEntry row_;
  soci::statement charge_;
  soci::statement history_;
  soci::statement count_stmt_;
};

}  // namespace shop::model
