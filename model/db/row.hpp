#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

// Helpers of the row mappings (the soci::type_conversion specializations in model/*/..._row.hpp), which
// read a row's columns by the names the SQL gives them.
namespace shop::model {

/// A nullable column: nullopt for NULL.
template <class T>
std::optional<T> optional_column(const soci::values& row, const std::string& name) {
  if (row.get_indicator(name) == soci::i_null) return std::nullopt;
  return row.get<T>(name);
}

}  // namespace shop::model
