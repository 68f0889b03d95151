#pragma once

#include <string>
#include <vector>

namespace shop::model {

/// A PostgreSQL array literal ("{1,2,3}") of integers, bound as one text parameter and cast in SQL
/// (`:ids::bigint[]`): SOCI 4.0.3 treats a bound vector as a bulk operation, not as an array.
template <class Integer>
std::string pg_array(const std::vector<Integer>& values) {
  std::string text = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text += ',';
    text += std::to_string(values[i]);
  }
  text += '}';
  return text;
}

}  // namespace shop::model
