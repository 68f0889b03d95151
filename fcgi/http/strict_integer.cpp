#include "fcgi/http/strict_integer.hpp"

#include <charconv>

namespace shop::fcgi {

std::optional<long long> parse_strict_integer(std::string_view text) noexcept {
  if (text.empty()) return std::nullopt;
  long long value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

}  // namespace shop::fcgi
