#include "model/balance/balance_repository.hpp"

namespace shop::model {
namespace {

// One atomic statement: the conditional update keeps the cap under any concurrency (the row lock it takes
// serializes charges of one user), and the ledger line is written by the same statement.
constexpr const char* kCharge = R"SQL(
WITH charged AS (
    UPDATE users SET balance = balance + :amount::bigint
    WHERE id = :user_id::bigint AND balance <= 1000000000000 - :amount::bigint
    RETURNING id, balance)
INSERT INTO balance_ledger (user_id, type, amount, balance_after)
SELECT id, 'CHARGE', :amount::bigint, balance FROM charged
RETURNING balance_after)SQL";

// The same shape for payments: the condition keeps the balance from going below zero.
constexpr const char* kPay = R"SQL(
WITH paid AS (
    UPDATE users SET balance = balance - :amount::bigint
    WHERE id = :user_id::bigint AND balance >= :amount::bigint
    RETURNING id, balance)
INSERT INTO balance_ledger (user_id, type, amount, balance_after, order_id)
SELECT id, 'PAYMENT', :amount::bigint, balance, :order_id::bigint FROM paid
RETURNING balance_after)SQL";

constexpr const char* kHistory = R"SQL(
SELECT id, type, amount, balance_after, order_id, shop_rfc3339(created_at)
FROM balance_ledger WHERE user_id = :user_id
ORDER BY id DESC LIMIT :limit OFFSET :offset)SQL";

constexpr const char* kCount = "SELECT count(*) FROM balance_ledger WHERE user_id = :user_id";

}  // namespace

BalanceRepository::BalanceRepository(soci::session& sql)
    : charge_(
          (sql.prepare << kCharge, soci::use(amount_, "amount"), soci::use(user_id_, "user_id"), soci::into(balance_))),
      pay_((sql.prepare << kPay, soci::use(amount_, "amount"), soci::use(user_id_, "user_id"),
            soci::use(order_id_, "order_id"), soci::into(balance_))),
      history_((sql.prepare << kHistory, soci::use(user_id_, "user_id"), soci::use(limit_, "limit"),
                soci::use(offset_, "offset"), soci::into(row_.id), soci::into(row_.type), soci::into(row_.amount),
                soci::into(row_.balance_after), soci::into(row_order_id_, row_order_id_ind_),
                soci::into(row_.created_at))),
      count_stmt_((sql.prepare << kCount, soci::use(user_id_, "user_id"), soci::into(count_))) {}

std::optional<Won> BalanceRepository::charge(Id user_id, Won amount) {
  user_id_ = user_id;
  amount_ = amount;
  if (!charge_.execute(true)) return std::nullopt;
  return balance_;
}

std::optional<Won> BalanceRepository::pay(Id user_id, Won amount, Id order_id) {
  user_id_ = user_id;
  amount_ = amount;
  order_id_ = order_id;
  if (!pay_.execute(true)) return std::nullopt;
  return balance_;
}

std::vector<LedgerEntry> BalanceRepository::history(Id user_id, const PageRequest& page) {
  user_id_ = user_id;
  limit_ = page.size;
  offset_ = page.offset();
  std::vector<LedgerEntry> entries;
  history_.execute();
  while (history_.fetch()) {
    row_.order_id = row_order_id_ind_ == soci::i_ok ? std::optional<Id>(row_order_id_) : std::nullopt;
    entries.push_back(row_);
  }
  return entries;
}

long long BalanceRepository::count(Id user_id) {
  user_id_ = user_id;
  count_stmt_.execute(true);
  return count_;
}

}  // namespace shop::model
