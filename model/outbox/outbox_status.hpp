#pragma once

#include <array>
#include <utility>

#include "model/enum_text.hpp"

namespace shop::model {

/// Where an outbox event is: waiting (PENDING), sent (DELIVERED), or given up on until an operator's retry
/// (FAILED).
enum class OutboxStatus { kPending, kDelivered, kFailed };

template <>
struct EnumText<OutboxStatus> {
  static constexpr std::array kNames{std::pair{OutboxStatus::kPending, "PENDING"},
                                     std::pair{OutboxStatus::kDelivered, "DELIVERED"},
                                     std::pair{OutboxStatus::kFailed, "FAILED"}};
};

}  // namespace shop::model
