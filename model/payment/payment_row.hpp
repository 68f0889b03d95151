#pragma once

#include "model/db/row.hpp"
#include "model/payment/payment_repository.hpp"

namespace shop::model {

/// The row of order/pay: the outcome, and the payment's columns when paid (NULL otherwise).
inline void read_row(const soci::values& row, PaymentAttempt& attempt) {
  attempt.outcome = enum_column<FlowOutcome>(row, "outcome");
  if (attempt.outcome != FlowOutcome::kPaid) return;
  attempt.payment.id = row.get<long long>("payment_id");
  attempt.payment.amount = row.get<long long>("amount");
  attempt.payment.balance = row.get<long long>("balance");
  attempt.payment.paid_at = row.get<std::string>("paid_at");
}

}  // namespace shop::model
