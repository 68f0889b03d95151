#include "model/outbox/outbox_store.hpp"

namespace shop::model {
namespace {

#define SHOP_EVENT_COLUMNS                                                                                 \
  "id, event_id::text, type, payload::text, status, attempts, last_error, shop_rfc3339(next_attempt_at), " \
  "shop_rfc3339(created_at), shop_rfc3339(delivered_at)"

constexpr const char* kClaim = "SELECT " SHOP_EVENT_COLUMNS
                               " FROM outbox_events WHERE status = 'PENDING' AND next_attempt_at <= now()"
                               " ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED";
constexpr const char* kList = "SELECT " SHOP_EVENT_COLUMNS
                              " FROM outbox_events WHERE status = :status ORDER BY id DESC LIMIT :limit OFFSET :offset";
constexpr const char* kFind = "SELECT " SHOP_EVENT_COLUMNS " FROM outbox_events WHERE event_id = :event_id::uuid";
#undef SHOP_EVENT_COLUMNS

constexpr const char* kDelivered = R"SQL(
UPDATE outbox_events SET status = 'DELIVERED', attempts = attempts + 1, last_error = NULL, delivered_at = now()
WHERE id = :id)SQL";

constexpr const char* kFailed = R"SQL(
UPDATE outbox_events
SET attempts = attempts + 1, last_error = :error, status = :status,
    next_attempt_at = now() + make_interval(secs => :delay_ms::bigint / 1000.0)
WHERE id = :id::bigint)SQL";

// Events another relay holds (mid-delivery) are skipped: counting them as due would spin this relay.
constexpr const char* kDueIn = R"SQL(
SELECT GREATEST(0, ceil(EXTRACT(EPOCH FROM next_attempt_at - now()) * 1000))::bigint
FROM outbox_events WHERE status = 'PENDING'
ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)SQL";

constexpr const char* kCount = "SELECT count(*) FROM outbox_events WHERE status = :status";

// The notification wakes a relay at commit.
constexpr const char* kRetry = R"SQL(
WITH retried AS (
    UPDATE outbox_events SET status = 'PENDING', attempts = 0, next_attempt_at = now()
    WHERE event_id = :event_id::uuid AND status = 'FAILED'
    RETURNING event_id)
SELECT count(*) FROM retried, LATERAL (SELECT pg_notify('shop_outbox', event_id::text)) notified)SQL";

}  // namespace

OutboxStore::OutboxStore(soci::session& sql)
    : sql_(sql),
      claim_((sql.prepare << kClaim, soci::into(row_.id), soci::into(row_.event_id), soci::into(row_.type),
              soci::into(row_.payload), soci::into(row_.status), soci::into(row_.attempts),
              soci::into(last_error_, last_error_ind_), soci::into(row_.next_attempt_at), soci::into(row_.created_at),
              soci::into(delivered_at_, delivered_at_ind_))),
      delivered_((sql.prepare << kDelivered, soci::use(id_, "id"))),
      failed_((sql.prepare << kFailed, soci::use(error_, "error"), soci::use(status_, "status"),
               soci::use(delay_ms_, "delay_ms"), soci::use(id_, "id"))),
      due_in_((sql.prepare << kDueIn, soci::into(due_in_ms_, due_in_ind_))),
      list_((sql.prepare << kList, soci::use(status_, "status"), soci::use(limit_, "limit"),
             soci::use(offset_, "offset"), soci::into(row_.id), soci::into(row_.event_id), soci::into(row_.type),
             soci::into(row_.payload), soci::into(row_.status), soci::into(row_.attempts),
             soci::into(last_error_, last_error_ind_), soci::into(row_.next_attempt_at), soci::into(row_.created_at),
             soci::into(delivered_at_, delivered_at_ind_))),
      count_stmt_((sql.prepare << kCount, soci::use(status_, "status"), soci::into(count_))),
      find_((sql.prepare << kFind, soci::use(event_key_, "event_id"), soci::into(row_.id), soci::into(row_.event_id),
             soci::into(row_.type), soci::into(row_.payload), soci::into(row_.status), soci::into(row_.attempts),
             soci::into(last_error_, last_error_ind_), soci::into(row_.next_attempt_at), soci::into(row_.created_at),
             soci::into(delivered_at_, delivered_at_ind_))),
      retry_((sql.prepare << kRetry, soci::use(event_key_, "event_id"), soci::into(count_))) {}

OutboxEvent OutboxStore::current_row() const {
  OutboxEvent event = row_;
  event.last_error = last_error_ind_ == soci::i_ok ? std::optional<std::string>(last_error_) : std::nullopt;
  event.delivered_at = delivered_at_ind_ == soci::i_ok ? std::optional<std::string>(delivered_at_) : std::nullopt;
  return event;
}

void OutboxStore::listen() {
  // LISTEN takes no parameter; the channel is a constant (kOutboxChannel).
  sql_ << "LISTEN shop_outbox";
}

std::optional<OutboxEvent> OutboxStore::claim_next() {
  if (!claim_.execute(true)) return std::nullopt;
  return current_row();
}

void OutboxStore::mark_delivered(Id id) {
  id_ = id;
  delivered_.execute(true);
}

void OutboxStore::mark_attempt_failed(Id id, const std::string& error, std::chrono::milliseconds retry_in,
                                      bool give_up) {
  id_ = id;
  error_ = error;
  status_ = give_up ? "FAILED" : "PENDING";
  delay_ms_ = retry_in.count();
  failed_.execute(true);
}

std::optional<std::chrono::milliseconds> OutboxStore::next_due_in() {
  if (!due_in_.execute(true) || due_in_ind_ != soci::i_ok) return std::nullopt;
  return std::chrono::milliseconds(due_in_ms_);
}

std::vector<OutboxEvent> OutboxStore::list(const std::string& status, const PageRequest& page) {
  status_ = status;
  limit_ = page.size;
  offset_ = page.offset();
  std::vector<OutboxEvent> events;
  list_.execute();
  while (list_.fetch()) events.push_back(current_row());
  return events;
}

long long OutboxStore::count(const std::string& status) {
  status_ = status;
  count_stmt_.execute(true);
  return count_;
}

std::optional<OutboxEvent> OutboxStore::find(const std::string& event_id) {
  event_key_ = event_id;
  if (!find_.execute(true)) return std::nullopt;
  return current_row();
}

bool OutboxStore::retry(const std::string& event_id) {
  event_key_ = event_id;
  retry_.execute(true);
  return count_ > 0;
}

}  // namespace shop::model
