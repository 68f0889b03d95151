#pragma once

#include <optional>
#include <string_view>
#include <type_traits>

namespace shop::model {

/// The text of each value of a domain enum, as the database and the API spell it. Specialized beside each
/// enum with `static constexpr std::array kNames{std::pair{Enum::kValue, "TEXT"}, ...}`, so that both
/// directions come from one table.
template <class Enum>
struct EnumText;

template <class Enum>
concept TextEnum = std::is_enum_v<Enum> && requires {
  EnumText<Enum>::kNames;
};

/// The value's text ("PAID"). Text crosses the model's edges only: the repositories and the JSON views.
template <TextEnum Enum>
constexpr const char* to_string(Enum value) {
  for (const auto& [known, text] : EnumText<Enum>::kNames) {
    if (known == value) return text;
  }
  return "";
}

/// The value of a text, or nullopt when the enum has no such value.
template <TextEnum Enum>
constexpr std::optional<Enum> parse_enum(std::string_view text) {
  for (const auto& [known, name] : EnumText<Enum>::kNames) {
    if (text == name) return known;
  }
  return std::nullopt;
}

}  // namespace shop::model
