#include "model/outbox/outbox_repository.hpp"

#include "sql/queries.hpp"

namespace shop::model {

OutboxRepository::OutboxRepository(soci::session& sql)
    : notify_((sql.prepare << sql::kOutboxNotify, soci::use(channel_, "channel"))) {}

void OutboxRepository::notify_relay() {
  notify_.execute(true);
}

}  // namespace shop::model
