#pragma once

#include "fcgi/json/json_writer.hpp"
#include "model/basket/basket.hpp"

namespace shop::fcgi {

/// `{"userId", "items": [{"productId", "name", "price", "quantity", "amount"}], "totalAmount"}`.
void write_basket(JsonWriter& json, const model::Basket& basket);

}  // namespace shop::fcgi
