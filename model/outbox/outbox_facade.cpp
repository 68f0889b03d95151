#include "model/outbox/outbox_facade.hpp"

#include "model/db/database.hpp"
#include "model/domain_error.hpp"
#include "model/outbox/outbox_store.hpp"

namespace shop::model {

Page<OutboxEvent> OutboxFacade::list(OutboxStatus status, const PageRequest& page) {
  return db_.autocommit([&] {
    return Page<OutboxEvent>{store_.list(status, page), page.page, page.size, store_.count(status)};
  });
}

OutboxEvent OutboxFacade::retry(const std::string& event_id) {
  return db_.transact([&] {
    if (!store_.find(event_id)) throw DomainError(ErrorCode::kEventNotFound);
    if (!store_.retry(event_id)) throw DomainError(ErrorCode::kEventNotRetryable);
    return *store_.find(event_id);
  });
}

OutboxBacklog OutboxFacade::backlog() {
  return db_.autocommit([&] { return store_.backlog(); });
}

}  // namespace shop::model
