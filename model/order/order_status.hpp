#pragma once

#include <array>
#include <utility>

#include "model/enum_text.hpp"

namespace shop::model {

/// Where an order is in its life: PENDING until paid, cancelled or past its deadline.
enum class OrderStatus { kPending, kPaid, kCancelled, kExpired };

template <>
struct EnumText<OrderStatus> {
  static constexpr std::array kNames{std::pair{OrderStatus::kPending, "PENDING"}, std::pair{OrderStatus::kPaid, "PAID"},
                                     std::pair{OrderStatus::kCancelled, "CANCELLED"},
                                     std::pair{OrderStatus::kExpired, "EXPIRED"}};
};

}  // namespace shop::model
