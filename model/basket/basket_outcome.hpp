#pragma once

#include <array>
#include <stdexcept>
#include <string>
#include <utility>

#include "model/domain_error.hpp"
#include "model/enum_text.hpp"

namespace shop::model {

/// What the one statement of a basket add (basket/add_line) or removal (basket/remove_line) answers first: it
/// went through, or the first of its checks that refused it (then it changed nothing). kUnproven: the caller's
/// token is no live session of the user, and nothing was looked at.
enum class BasketOutcome {
  kAdded,
  kRemoved,
  kUnproven,
  kUserNotFound,
  kProductNotFound,
  kQuantityOutOfBounds,
};

template <>
struct EnumText<BasketOutcome> {
  static constexpr std::array kNames{std::pair{BasketOutcome::kAdded, "ADDED"},
                                     std::pair{BasketOutcome::kRemoved, "REMOVED"},
                                     std::pair{BasketOutcome::kUnproven, "UNPROVEN"},
                                     std::pair{BasketOutcome::kUserNotFound, "USER_NOT_FOUND"},
                                     std::pair{BasketOutcome::kProductNotFound, "PRODUCT_NOT_FOUND"},
                                     std::pair{BasketOutcome::kQuantityOutOfBounds, "QUANTITY_OUT_OF_BOUNDS"}};
};

/// Throws the DomainError of a check that refused; kAdded, kRemoved and kUnproven are no refusal of a check,
/// and reaching here with one is the code's fault (std::logic_error, a 500).
[[noreturn]] inline void throw_refusal(BasketOutcome outcome) {
  switch (outcome) {
    case BasketOutcome::kUserNotFound:
      throw DomainError(ErrorCode::kUserNotFound);
    case BasketOutcome::kProductNotFound:
      throw DomainError(ErrorCode::kProductNotFound);
    case BasketOutcome::kQuantityOutOfBounds:
      throw DomainError(ErrorCode::kInvalidRequest, "quantity");
    case BasketOutcome::kAdded:
    case BasketOutcome::kRemoved:
    case BasketOutcome::kUnproven:
      break;
  }
  throw std::logic_error(std::string("no refusal: ") + to_string(outcome));
}

}  // namespace shop::model
