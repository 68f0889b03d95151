#include "fcgi/views/product_view.hpp"

namespace shop::fcgi {

void write_product(JsonWriter& json, const model::Product& product) {
  json.begin_object().field("id", product.id).field("name", product.name).field("price", product.price);
  json.field("stock", product.stock).end_object();
}

}  // namespace shop::fcgi
