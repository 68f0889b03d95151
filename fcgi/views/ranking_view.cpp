#include "fcgi/views/ranking_view.hpp"

namespace shop::fcgi {

void write_ranking(JsonWriter& json, int days, const std::vector<model::RankedProduct>& ranking) {
  json.begin_object().field("days", days).key("items").begin_array();
  for (const auto& item : ranking) {
    json.begin_object().field("rank", item.rank).field("productId", item.product_id).field("name", item.name);
    json.field("price", item.price).field("stock", item.stock).field("soldQuantity", item.sold_quantity);
    json.end_object();
  }
  json.end_array().end_object();
}

}  // namespace shop::fcgi
