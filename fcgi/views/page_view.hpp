#pragma once

#include "fcgi/json/json_writer.hpp"
#include "model/page.hpp"

namespace shop::fcgi {

/// `{"items": [...], "page", "size", "totalCount"}`, each item written by `write_item(json, item)`.
template <class T, class WriteItem>
void write_page(JsonWriter& json, const model::Page<T>& page, WriteItem write_item) {
  json.begin_object().key("items").begin_array();
  for (const auto& item : page.items) write_item(json, item);
  json.end_array().field("page", page.page).field("size", page.size).field("totalCount", page.total_count);
  json.end_object();
}

/// The view of a page whose items `write_item` writes, for json_response.
template <class WriteItem>
auto page_of(WriteItem write_item) {
  return [write_item](JsonWriter& json, const auto& page) { write_page(json, page, write_item); };
}

}  // namespace shop::fcgi
