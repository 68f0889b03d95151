#pragma once

#include "fcgi/json/json_writer.hpp"
#include "model/product/product.hpp"

namespace shop::fcgi {

/// `{"id", "name", "price", "stock"}`.
void write_product(JsonWriter& json, const model::Product& product);

}  // namespace shop::fcgi
