#pragma once

#include <soci/soci.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/enum_text.hpp"

// Each row type of the model is read in one place: a function `read_row(const soci::values&, T&)` beside it
// (model/*/..._row.hpp) that takes the columns by the names the SQL gives them. A repository then reads a
// whole row with `soci::into(object)`. These headers bring SOCI in: only the model's .cpp files include them.
namespace shop::model {

template <class T>
concept MappedRow = requires(const soci::values& row, T& object) {
  read_row(row, object);
};

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

/// Runs a prepared statement whose rows land in `row` (bound with soci::into) and collects them all.
template <class Row>
std::vector<Row> fetch_all(soci::statement& statement, const Row& row) {
  std::vector<Row> rows;
  statement.execute();
  while (statement.fetch()) rows.push_back(row);
  return rows;
}

}  // namespace shop::model

namespace soci {

/// SOCI's object mapping (ORM) for every MappedRow: it fetches the row as values, then read_row maps them.
template <shop::model::MappedRow T>
struct type_conversion<T> {
  using base_type = values;
  static void from_base(const values& row, indicator, T& object) { read_row(row, object); }
};

}  // namespace soci
