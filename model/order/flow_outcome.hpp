#pragma once

#include <array>
#include <stdexcept>
#include <string>
#include <utility>

#include "model/domain_error.hpp"
#include "model/enum_text.hpp"

namespace shop::model {

/// What the one statement of an order (order/place) or of a payment (order/pay) answers first: it went
/// through, or the first of its checks that refused it (then it changed nothing). kUnproven: the caller's
/// token is no live session of the user, and nothing was looked at.
enum class FlowOutcome {
  kPlaced,
  kPaid,
  kUnproven,
  kProductNotFound,
  kOutOfStock,
  kUserNotFound,
  kInsufficientBalance,
  kOrderNotFound,
  kOrderNotPayable,
};

template <>
struct EnumText<FlowOutcome> {
  static constexpr std::array kNames{std::pair{FlowOutcome::kPlaced, "PLACED"},
                                     std::pair{FlowOutcome::kPaid, "PAID"},
                                     std::pair{FlowOutcome::kUnproven, "UNPROVEN"},
                                     std::pair{FlowOutcome::kProductNotFound, "PRODUCT_NOT_FOUND"},
                                     std::pair{FlowOutcome::kOutOfStock, "OUT_OF_STOCK"},
                                     std::pair{FlowOutcome::kUserNotFound, "USER_NOT_FOUND"},
                                     std::pair{FlowOutcome::kInsufficientBalance, "INSUFFICIENT_BALANCE"},
                                     std::pair{FlowOutcome::kOrderNotFound, "ORDER_NOT_FOUND"},
                                     std::pair{FlowOutcome::kOrderNotPayable, "ORDER_NOT_PAYABLE"}};
};

/// Throws the DomainError of a check that refused; kPlaced, kPaid and kUnproven are no refusal of a check,
/// and reaching here with one is the code's fault (std::logic_error, a 500).
[[noreturn]] inline void throw_refusal(FlowOutcome outcome) {
  switch (outcome) {
    case FlowOutcome::kProductNotFound:
      throw DomainError(ErrorCode::kProductNotFound);
    case FlowOutcome::kOutOfStock:
      throw DomainError(ErrorCode::kOutOfStock);
    case FlowOutcome::kUserNotFound:
      throw DomainError(ErrorCode::kUserNotFound);
    case FlowOutcome::kInsufficientBalance:
      throw DomainError(ErrorCode::kInsufficientBalance);
    case FlowOutcome::kOrderNotFound:
      throw DomainError(ErrorCode::kOrderNotFound);
    case FlowOutcome::kOrderNotPayable:
      throw DomainError(ErrorCode::kOrderNotPayable);
    case FlowOutcome::kPlaced:
    case FlowOutcome::kPaid:
    case FlowOutcome::kUnproven:
      break;
  }
  throw std::logic_error(std::string("no refusal: ") + to_string(outcome));
}

}  // namespace shop::model
