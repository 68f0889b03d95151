#pragma once

#include "model/types.hpp"

/// The contract's numeric bounds (API.md), checked by the front and kept by the schema's CHECKs.
namespace shop::model::limits {

inline constexpr Won kMinCharge = 1;
inline constexpr Won kMaxCharge = 10'000'000;
inline constexpr Won kMaxBalance = 1'000'000'000'000;
inline constexpr int kMaxUserNameChars = 50;
inline constexpr int kMinPasswordChars = 8;
inline constexpr int kMaxPasswordChars = 128;
inline constexpr int kMaxProductNameChars = 100;
inline constexpr Won kMaxPrice = 1'000'000'000;
inline constexpr long long kMaxStock = 1'000'000'000;
inline constexpr int kMaxLineQuantity = 999;  ///< of a basket or order line
inline constexpr int kMaxOrderLines = 50;
inline constexpr int kMaxPageSize = 100;
inline constexpr int kDefaultPageSize = 20;
inline constexpr int kMaxPage = 1'000'000;

}  // namespace shop::model::limits
