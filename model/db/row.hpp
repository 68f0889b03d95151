#pragma once

#include <soci/soci.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "model/enum_text.hpp"

// Helpers of the row mappings (the soci::type_conversion specializations in model/*/..._row.hpp), which
// read a row's columns by the names the SQL gives them.
namespace shop::model {

/// A nullable column: nullopt for NULL.
template <class T>
std::optional<T> optional_column(const soci::values& row, const std::string& name) {
  if (row.get_indicator(name) == soci::i_null) return std::nullopt;
  return row.get<T>(name);
}

/// A text column holding a domain enum. Text the enum does not know means the schema and the code disagree:
/// the server's fault, not the client's.
template <TextEnum Enum>
Enum enum_column(const soci::values& row, const std::string& name) {
  const auto text = row.get<std::string>(name);
  if (const auto value = parse_enum<Enum>(text)) return *value;
  throw std::runtime_error("unknown " + name + " '" + text + "' in a row");
}

}  // namespace shop::model
