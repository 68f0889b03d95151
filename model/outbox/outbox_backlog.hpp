#pragma once

#include <cstdint>

namespace shop::model {

/// How far behind the outbox is: what the operator's status page shows.
struct OutboxBacklog {
  std::int64_t pending = 0;
  std::int64_t failed = 0;
  std::int64_t oldest_pending_ms = -1;  ///< age of the oldest PENDING event; -1 when none waits
};

}  // namespace shop::model
