#pragma once

#include <functional>
#include <ranges>
#include <string>

namespace shop::model {

/// A PostgreSQL array literal ("{1,2,3}") of the integers `project` takes from each element of `values`,
/// bound as one text parameter and cast in SQL (`:ids::bigint[]`): SOCI 4.0.3 treats a bound vector as a bulk
/// operation, not as an array. The repositories build them from the domain values they are given.
template <std::ranges::input_range Range, class Project = std::identity>
std::string pg_array(const Range& values, Project project = {}) {
  std::string text = "{";
  for (const auto& value : values) {
    if (text.size() > 1) text += ',';
    text += std::to_string(std::invoke(project, value));
  }
  text += '}';
  return text;
}

}  // namespace shop::model
