#include "fcgi/http/query_params.hpp"

#include "fcgi/http/strict_integer.hpp"
#include "model/domain_error.hpp"
#include "model/limits.hpp"

namespace shop::fcgi {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

QueryParams::QueryParams(std::string_view raw) {
  while (!raw.empty()) {
    const auto amp = raw.find('&');
    const std::string_view pair = raw.substr(0, amp);
    raw = amp == std::string_view::npos ? std::string_view{} : raw.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    pairs_.emplace_back(url_decode(pair.substr(0, eq)),
                        eq == std::string_view::npos ? std::string{} : url_decode(pair.substr(eq + 1)));
  }
}

std::optional<std::string> QueryParams::get(std::string_view name) const {
  for (const auto& [key, value] : pairs_) {
    if (key == name) return value;
  }
  return std::nullopt;
}

long long QueryParams::integer(std::string_view name, long long fallback, long long min, long long max) const {
  const auto text = get(name);
  if (!text) return fallback;
  const auto value = parse_strict_integer(*text);
  if (!value || *value < min || *value > max) {
    throw model::DomainError(model::ErrorCode::kInvalidRequest, std::string(name));
  }
  return *value;
}

model::PageRequest QueryParams::page() const {
  return model::PageRequest{
      static_cast<int>(integer("page", 1, 1, model::limits::kMaxPage)),
      static_cast<int>(integer("size", model::limits::kDefaultPageSize, 1, model::limits::kMaxPageSize))};
}

}  // namespace shop::fcgi
