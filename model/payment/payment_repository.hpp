#pragma once

#include <soci/soci.h>

#include <string>

#include "model/order/flow_outcome.hpp"
#include "model/order/order.hpp"
#include "model/types.hpp"

namespace shop::model {

/// What order/pay answers: the outcome, and when it is kPaid the payment.
struct PaymentAttempt {
  FlowOutcome outcome = FlowOutcome::kUnproven;
  Payment payment;
};

/// The SQL of payments: one row per paid order (unique in the schema), written by the payment's one statement.
class PaymentRepository {
 public:
  explicit PaymentRepository(soci::session& sql);
  PaymentRepository(const PaymentRepository&) = delete;
  PaymentRepository& operator=(const PaymentRepository&) = delete;

  /// 결제 in one statement (order/pay): locks the order, checks that it is the user's and PENDING, debits the
  /// balance if it covers the total (with its ledger line), counts the units in the ranking, marks the order
  /// PAID, saves the payment and the ORDER_PAID outbox event; or, refused, changes nothing. `token_hash`:
  /// empty when the caller is proven, else the hash of a token that must be a live session of `user_id`.
  PaymentAttempt pay(Id order_id, Id user_id, const std::string& token_hash);

 private:
  Id order_id_ = 0;
  Id user_id_ = 0;
  std::string token_hash_;
  PaymentAttempt row_;
  soci::statement pay_;
};

}  // namespace shop::model
