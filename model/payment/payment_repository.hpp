#pragma once

#include <soci/soci.h>

#include "model/types.hpp"

namespace shop::model {

/// The SQL of payments: one row per paid order (unique in the schema).
class PaymentRepository {
 public:
  explicit PaymentRepository(soci::session& sql);
  PaymentRepository(const PaymentRepository&) = delete;
  PaymentRepository& operator=(const PaymentRepository&) = delete;

  /// Records the payment; returns its id.
  Id insert(Id order_id, Id user_id, Won amount);

 private:
  Id order_id_ = 0;
  Id user_id_ = 0;
  Won amount_ = 0;
  Id payment_id_ = 0;
  soci::statement insert_;
};

}  // namespace shop::model
