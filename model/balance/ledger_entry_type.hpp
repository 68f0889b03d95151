#pragma once

#include <array>
#include <utility>

#include "model/enum_text.hpp"

namespace shop::model {

/// What a ledger line did to the balance: a CHARGE added to it, a PAYMENT (of an order) took from it.
enum class LedgerEntryType { kCharge, kPayment };

template <>
struct EnumText<LedgerEntryType> {
  static constexpr std::array kNames{std::pair{LedgerEntryType::kCharge, "CHARGE"},
                                     std::pair{LedgerEntryType::kPayment, "PAYMENT"}};
};

}  // namespace shop::model
