#include "fcgi/routing/context.hpp"

#include <cctype>
#include <string>

#include "fcgi/http/strict_integer.hpp"
#include "model/domain_error.hpp"

namespace shop::fcgi {

std::string_view Context::param(std::string_view name) const {
  for (const auto& [key, value] : params_) {
    if (key == name) return value;
  }
  return {};
}

model::Id Context::id_param(std::string_view name) const {
  const auto id = parse_strict_integer(param(name));
  if (!id || *id <= 0) throw model::DomainError(model::ErrorCode::kInvalidRequest, std::string(name));
  return *id;
}

namespace {

bool equal_in_constant_time(std::string_view given, std::string_view expected) {
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const char g = i < given.size() ? given[i] : '\0';
    difference = static_cast<unsigned char>(difference | (g ^ expected[i]));
  }
  return difference == 0;
}

}  // namespace

void Context::require_admin() const {
  constexpr std::string_view kScheme = "bearer";
  std::string_view header = request_.authorization;
  // The scheme is case-insensitive (RFC 7235); spaces after it are skipped.
  bool authorized = !admin_token_.empty() && header.size() > kScheme.size() && header[kScheme.size()] == ' ';
  for (std::size_t i = 0; authorized && i < kScheme.size(); ++i) {
    authorized = std::tolower(static_cast<unsigned char>(header[i])) == kScheme[i];
  }
  if (authorized) {
    header.remove_prefix(kScheme.size());
    while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
    authorized = equal_in_constant_time(header, admin_token_);
  }
  if (!authorized) throw model::DomainError(model::ErrorCode::kUnauthorized);
}

}  // namespace shop::fcgi
