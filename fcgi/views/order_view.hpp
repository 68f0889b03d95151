#pragma once

#include "fcgi/json/json_writer.hpp"
#include "model/order/order.hpp"

namespace shop::fcgi {

/// `{"orderId", "userId", "status", "totalAmount", "items": [{"productId", "name", "unitPrice", "quantity",
/// "amount"}], "createdAt", "expiresAt"}`, and `"paidAt"` once paid.
void write_order(JsonWriter& json, const model::Order& order);

/// `{"paymentId", "orderId", "userId", "amount", "status": "PAID", "balance", "paidAt"}`.
void write_payment(JsonWriter& json, const model::Payment& payment);

}  // namespace shop::fcgi
