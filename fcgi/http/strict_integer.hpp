#pragma once

#include <optional>
#include <string_view>

namespace shop::fcgi {

/// Decimal digits only (an optional leading '-'), no spaces, no '+', within `long long`; nullopt otherwise.
std::optional<long long> parse_strict_integer(std::string_view text) noexcept;

}  // namespace shop::fcgi
