#pragma once

#include <string>

#include "model/outbox/outbox_backlog.hpp"
#include "model/outbox/outbox_event.hpp"
#include "model/page.hpp"

namespace shop::model {

class Database;
class OutboxStore;

/// The operator's view of the outbox (admin API): list events by status, put a FAILED one back in line; and its
/// backlog, for the pool's status page.
class OutboxFacade {
 public:
  OutboxFacade(Database& db, OutboxStore& store) : db_(db), store_(store) {}

  /// Events of `status`, newest first.
  Page<OutboxEvent> list(OutboxStatus status, const PageRequest& page);
  /// FAILED -> PENDING, due now; EVENT_NOT_FOUND, EVENT_NOT_RETRYABLE. Returns the event as it now is.
  OutboxEvent retry(const std::string& event_id);
  /// How far behind delivery is (the status page's figures).
  OutboxBacklog backlog();

 private:
  Database& db_;
  OutboxStore& store_;
};

}  // namespace shop::model
