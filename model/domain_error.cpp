#include "model/domain_error.hpp"

namespace shop::model {

DomainError::DomainError(ErrorCode code, std::string field)
    : std::runtime_error(code_name(code)), code_(code), field_(std::move(field)) {}

const char* code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kInvalidRequest:
      return "INVALID_REQUEST";
    case ErrorCode::kUnauthorized:
      return "UNAUTHORIZED";
    case ErrorCode::kInvalidCredentials:
      return "INVALID_CREDENTIALS";
    case ErrorCode::kForbidden:
      return "FORBIDDEN";
    case ErrorCode::kNameTaken:
      return "NAME_TAKEN";
    case ErrorCode::kUserNotFound:
      return "USER_NOT_FOUND";
    case ErrorCode::kProductNotFound:
      return "PRODUCT_NOT_FOUND";
    case ErrorCode::kOrderNotFound:
      return "ORDER_NOT_FOUND";
    case ErrorCode::kOutOfStock:
      return "OUT_OF_STOCK";
    case ErrorCode::kInsufficientBalance:
      return "INSUFFICIENT_BALANCE";
    case ErrorCode::kBalanceLimitExceeded:
      return "BALANCE_LIMIT_EXCEEDED";
    case ErrorCode::kOrderNotPayable:
      return "ORDER_NOT_PAYABLE";
    case ErrorCode::kOrderNotCancellable:
      return "ORDER_NOT_CANCELLABLE";
    case ErrorCode::kEventNotFound:
      return "EVENT_NOT_FOUND";
    case ErrorCode::kEventNotRetryable:
      return "EVENT_NOT_RETRYABLE";
    case ErrorCode::kIdempotencyKeyInUse:
      return "IDEMPOTENCY_KEY_IN_USE";
    case ErrorCode::kIdempotencyKeyReused:
      return "IDEMPOTENCY_KEY_REUSED";
  }
  return "INTERNAL_ERROR";
}

}  // namespace shop::model
