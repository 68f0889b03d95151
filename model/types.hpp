#pragma once

namespace shop::model {

/// Ids and amounts of won are signed 64-bit integers. SOCI 4.0.3 binds `long long`
/// (not `std::int64_t`, which is `long` here), so the domain uses it directly.
using Id = long long;
using Won = long long;
static_assert(sizeof(Id) == 8 && sizeof(Won) == 8);

}  // namespace shop::model
