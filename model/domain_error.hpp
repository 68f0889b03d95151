#pragma once

#include <stdexcept>
#include <string>

namespace shop::model {

/// Every failure the contract names. The front maps each to a status, code and message in one table.
enum class ErrorCode {
  kInvalidRequest,
  kUnauthorized,
  kInvalidCredentials,  ///< sign-in: an unknown name or a wrong password, one answer for both
  kForbidden,           ///< a valid token that may not do this
  kUserNotFound,
  kProductNotFound,
  kOrderNotFound,
  kOutOfStock,
  kInsufficientBalance,
  kBalanceLimitExceeded,
  kOrderNotPayable,
  kOrderNotCancellable,
  kNameTaken,
  kEventNotFound,         ///< admin outbox: no such event
  kEventNotRetryable,     ///< admin outbox: only a FAILED event goes back in line
  kIdempotencyKeyInUse,   ///< the first request with this key still runs
  kIdempotencyKeyReused,  ///< the key was used for another method, path or body
};

/// A failure of a use case that the client caused and can act on; thrown by services, never caught by them.
class DomainError : public std::runtime_error {
 public:
  explicit DomainError(ErrorCode code, std::string field = {});

  ErrorCode code() const noexcept { return code_; }
  /// The offending request field, for kInvalidRequest; empty otherwise.
  const std::string& field() const noexcept { return field_; }

 private:
  ErrorCode code_;
  std::string field_;
};

/// The stable machine name of a code, as the contract spells it ("USER_NOT_FOUND").
const char* code_name(ErrorCode code) noexcept;

}  // namespace shop::model
