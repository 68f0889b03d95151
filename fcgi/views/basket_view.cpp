#include "fcgi/views/basket_view.hpp"

namespace shop::fcgi {

void write_basket(JsonWriter& json, const model::Basket& basket) {
  json.begin_object().field("userId", basket.user_id).key("items").begin_array();
  for (const auto& line : basket.lines) {
    json.begin_object().field("productId", line.product_id).field("name", line.name).field("price", line.price);
    json.field("quantity", line.quantity).field("amount", line.amount).end_object();
  }
  json.end_array().field("totalAmount", basket.total_amount).end_object();
}

}  // namespace shop::fcgi
