#include "model/db/sqlstate.hpp"

namespace shop::model {

Failure classify_sqlstate(std::string_view state) noexcept {
  if (state == "40001" || state == "40P01") return Failure::kTransient;
  if (state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03" || state == "25006") {
    return Failure::kUnavailable;
  }
  // query_canceled (statement_timeout) and lock_not_available (lock_timeout).
  if (state == "57014" || state == "55P03") return Failure::kTimeout;
  return Failure::kOther;
}

}  // namespace shop::model
