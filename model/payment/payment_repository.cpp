#include "model/payment/payment_repository.hpp"

#include "sql/queries.hpp"

namespace shop::model {

PaymentRepository::PaymentRepository(soci::session& sql)
    : insert_((sql.prepare << sql::kPaymentInsert, soci::use(order_id_, "order_id"), soci::use(user_id_, "user_id"),
               soci::use(amount_, "amount"), soci::into(payment_id_))) {}

Id PaymentRepository::insert(Id order_id, Id user_id, Won amount) {
  order_id_ = order_id;
  user_id_ = user_id;
  amount_ = amount;
  insert_.execute(true);
  return payment_id_;
}

}  // namespace shop::model
