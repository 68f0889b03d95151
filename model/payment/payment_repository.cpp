#include "model/payment/payment_repository.hpp"

#include "model/payment/payment_row.hpp"
#include "sql/queries.hpp"

namespace shop::model {

PaymentRepository::PaymentRepository(soci::session& sql)
    : pay_((sql.prepare << sql::kOrderPay, soci::use(token_hash_, "token_hash"), soci::use(user_id_, "user_id"),
            soci::use(order_id_, "order_id"), soci::into(row_))) {}

PaymentAttempt PaymentRepository::pay(Id order_id, Id user_id, const std::string& token_hash) {
  order_id_ = order_id;
  user_id_ = user_id;
  token_hash_ = token_hash;
  row_ = PaymentAttempt{};
  pay_.execute(true);
  PaymentAttempt attempt = row_;
  attempt.payment.order_id = order_id;
  attempt.payment.user_id = user_id;
  return attempt;
}

}  // namespace shop::model
