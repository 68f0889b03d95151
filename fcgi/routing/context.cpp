#include "fcgi/routing/context.hpp"

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

}  // namespace shop::fcgi
