#pragma once

#include <soci/soci.h>

#include <string>

#include "model/types.hpp"

namespace shop::model {

/// The channel the payments notify and the relay listens on: bound as `:channel` in outbox/notify.sql and
/// outbox/retry.sql, and spelled into LISTEN (OutboxStore::listen), which takes no parameter.
inline constexpr const char* kOutboxChannel = "shop_outbox";

/// The outbox's writing side: events are written in the transaction of the change they describe; a NOTIFY
/// after that commit wakes the relay.
class OutboxRepository {
 public:
  explicit OutboxRepository(soci::session& sql);
  OutboxRepository(const OutboxRepository&) = delete;
  OutboxRepository& operator=(const OutboxRepository&) = delete;

  /// Writes the ORDER_PAID event of a paid order; returns its event id.
  std::string add_order_paid(Id order_id, Id payment_id);
  /// Wakes the relays; call it outside the transaction that wrote the events.
  void notify_relay();

 private:
  Id order_id_ = 0;
  Id payment_id_ = 0;
  std::string event_id_;
  const std::string channel_{kOutboxChannel};
  soci::statement add_order_paid_;
  soci::statement notify_;
};

}  // namespace shop::model
