#pragma once

#include <vector>

#include "fcgi/json/json_writer.hpp"
#include "model/ranking/ranked_product.hpp"

namespace shop::fcgi {

/// `{"days", "items": [{"rank", "productId", "name", "price", "stock", "soldQuantity"}]}`.
void write_ranking(JsonWriter& json, int days, const std::vector<model::RankedProduct>& ranking);

}  // namespace shop::fcgi
