#include "fcgi/views/order_view.hpp"

namespace shop::fcgi {

void write_order(JsonWriter& json, const model::Order& order) {
  json.begin_object().field("orderId", order.id).field("userId", order.user_id);
  json.field("status", model::to_string(order.status));
  json.field("totalAmount", order.total_amount).key("items").begin_array();
  for (const auto& line : order.lines) {
    json.begin_object().field("productId", line.product_id).field("name", line.name);
    json.field("unitPrice", line.unit_price).field("quantity", line.quantity).field("amount", line.amount);
    json.end_object();
  }
  json.end_array().field("createdAt", order.created_at).field("expiresAt", order.expires_at);
  json.field("paidAt", order.paid_at).end_object();
}

void write_payment(JsonWriter& json, const model::Payment& payment) {
  json.begin_object().field("paymentId", payment.id).field("orderId", payment.order_id);
  json.field("userId", payment.user_id).field("amount", payment.amount).field("status", "PAID");
  json.field("balance", payment.balance).field("paidAt", payment.paid_at).end_object();
}

}  // namespace shop::fcgi
