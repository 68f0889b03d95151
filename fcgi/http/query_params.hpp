#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/page.hpp"

namespace shop::fcgi {

/// The decoded `name=value` pairs of a query string.
class QueryParams {
 public:
  explicit QueryParams(std::string_view raw);

  /// The first value of `name`, if present.
  std::optional<std::string> get(std::string_view name) const;

  /// An integer parameter in [min, max], `fallback` when absent; INVALID_REQUEST naming it otherwise.
  long long integer(std::string_view name, long long fallback, long long min, long long max) const;

  /// `page` (1..) and `size` (1..100), defaults 1 and 20.
  model::PageRequest page() const;

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
};

/// Decodes %XX and '+' of a query component; invalid escapes are kept as they are.
std::string url_decode(std::string_view text);

}  // namespace shop::fcgi
