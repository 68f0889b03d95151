#pragma once

#include <cstdint>

namespace shop::model {

/// Where a worker's catalog reads go, as it last chose (CatalogReads): for the pool's status page.
enum class StandbyUse : std::uint8_t {
  kNone,       ///< no read standby configured, or no catalog read since the worker connected
  kServing,    ///< the read standby answers them
  kLeftAside,  ///< the standby is unfit (unreachable, failing, lagging): the primary answers them
};

}  // namespace shop::model
