#include "model/outbox/outbox_repository.hpp"

#include "sql/queries.hpp"

namespace shop::model {

OutboxRepository::OutboxRepository(soci::session& sql)
    : add_order_paid_((sql.prepare << sql::kOutboxAddOrderPaid, soci::use(payment_id_, "payment_id"),
                       soci::use(order_id_, "order_id"), soci::into(event_id_))),
      notify_((sql.prepare << sql::kOutboxNotify, soci::use(channel_, "channel"))) {}

std::string OutboxRepository::add_order_paid(Id order_id, Id payment_id) {
  order_id_ = order_id;
  payment_id_ = payment_id;
  add_order_paid_.execute(true);
  return event_id_;
}

void OutboxRepository::notify_relay() {
  notify_.execute(true);
}

}  // namespace shop::model
