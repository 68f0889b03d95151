#pragma once

#include <soci/soci.h>

#include <string>

#include "model/types.hpp"

namespace shop::model {

/// The channel the payments notify and the relay listens on: bound as `:channel` in outbox/notify.sql and
/// outbox/retry.sql, and spelled into LISTEN (OutboxStore::listen), which takes no parameter.
inline constexpr const char* kOutboxChannel = "shop_outbox";

/// The outbox's writing side: events are written by the statement of the change they describe (order/pay);
/// a NOTIFY after that commit wakes the relay.
class OutboxRepository {
 public:
  explicit OutboxRepository(soci::session& sql);
  OutboxRepository(const OutboxRepository&) = delete;
  OutboxRepository& operator=(const OutboxRepository&) = delete;

  /// Wakes the relays; call it outside the transaction that wrote the events.
  void notify_relay();

 private:
  const std::string channel_{kOutboxChannel};
  soci::statement notify_;
};

}  // namespace shop::model
