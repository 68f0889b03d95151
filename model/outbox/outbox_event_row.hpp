#pragma once

#include <soci/soci.h>

#include "model/db/row.hpp"
#include "model/outbox/outbox_event.hpp"

// An outbox_events row, as outbox/claim, outbox/list and outbox/find return it. Included by the model's .cpp
// files only.
namespace soci {

template <>
struct type_conversion<shop::model::OutboxEvent> {
  using base_type = values;
  static void from_base(const values& row, indicator, shop::model::OutboxEvent& event) {
    event.id = row.get<long long>("id");
    event.event_id = row.get<std::string>("event_id");
    event.type = row.get<std::string>("type");
    event.payload = row.get<std::string>("payload");
    event.status = shop::model::enum_column<shop::model::OutboxStatus>(row, "status");
    event.attempts = row.get<int>("attempts");
    event.last_error = shop::model::optional_column<std::string>(row, "last_error");
    event.next_attempt_at = row.get<std::string>("next_attempt_at");
    event.created_at = row.get<std::string>("created_at");
    event.delivered_at = shop::model::optional_column<std::string>(row, "delivered_at");
  }
};

}  // namespace soci
