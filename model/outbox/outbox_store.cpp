#include "model/outbox/outbox_store.hpp"

#include <string_view>

#include "model/outbox/outbox_event_row.hpp"
#include "sql/queries.hpp"

namespace shop::model {
namespace {

// Letters, digits and underscores, not starting with a digit, all lower case: LISTEN folds an unquoted name
// to lower case, while pg_notify takes its channel as it is.
constexpr bool is_plain_identifier(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

OutboxStore::OutboxStore(soci::session& sql)
    : sql_(sql),
      claim_((sql.prepare << sql::kOutboxClaim, soci::use(lease_ms_, "lease_ms"), soci::into(row_))),
      delivered_((sql.prepare << sql::kOutboxDelivered, soci::use(id_, "id"))),
      failed_((sql.prepare << sql::kOutboxFailed, soci::use(error_, "error"), soci::use(status_, "status"),
               soci::use(delay_ms_, "delay_ms"), soci::use(id_, "id"), soci::use(attempts_, "attempts"))),
      give_up_((sql.prepare << sql::kOutboxGiveUp, soci::use(error_, "error"), soci::use(id_, "id"),
                soci::use(attempts_, "attempts"))),
      due_in_((sql.prepare << sql::kOutboxDueIn, soci::into(due_in_ms_, due_in_ind_))),
      list_((sql.prepare << sql::kOutboxList, soci::use(status_, "status"), soci::use(limit_, "limit"),
             soci::use(offset_, "offset"), soci::into(row_))),
      count_stmt_((sql.prepare << sql::kOutboxCount, soci::use(status_, "status"), soci::into(count_))),
      find_((sql.prepare << sql::kOutboxFind, soci::use(event_key_, "event_id"), soci::into(row_))),
      retry_((sql.prepare << sql::kOutboxRetry, soci::use(event_key_, "event_id"), soci::use(channel_, "channel"),
              soci::into(count_))) {}

void OutboxStore::listen() {
  // LISTEN takes no parameter, so its text is built from the constant: safe, since the constant is a plain
  // lower-case identifier (checked at compile time) that no input reaches.
  static_assert(is_plain_identifier(kOutboxChannel));
  sql_ << "LISTEN " + std::string(kOutboxChannel);
}

std::optional<OutboxEvent> OutboxStore::claim_next(std::chrono::milliseconds lease) {
  lease_ms_ = lease.count();
  if (!claim_.execute(true)) return std::nullopt;
  return row_;
}

void OutboxStore::mark_delivered(Id id) {
  id_ = id;
  delivered_.execute(true);
}

void OutboxStore::mark_attempt_failed(Id id, int attempt, const std::string& error, std::chrono::milliseconds retry_in,
                                      bool give_up) {
  id_ = id;
  attempts_ = attempt;
  error_ = error;
  status_ = to_string(give_up ? OutboxStatus::kFailed : OutboxStatus::kPending);
  delay_ms_ = retry_in.count();
  failed_.execute(true);
}

void OutboxStore::give_up_unfinished(Id id, int claimed_attempt, const std::string& error) {
  id_ = id;
  attempts_ = claimed_attempt;
  error_ = error;
  give_up_.execute(true);
}

std::optional<std::chrono::milliseconds> OutboxStore::next_due_in() {
  if (!due_in_.execute(true) || due_in_ind_ != soci::i_ok) return std::nullopt;
  return std::chrono::milliseconds(due_in_ms_);
}

std::vector<OutboxEvent> OutboxStore::list(OutboxStatus status, const PageRequest& page) {
  status_ = to_string(status);
  limit_ = page.size;
  offset_ = page.offset();
  return fetch_all(list_, row_);
}

long long OutboxStore::count(OutboxStatus status) {
  status_ = to_string(status);
  count_stmt_.execute(true);
  return count_;
}

OutboxBacklog OutboxStore::backlog() {
  OutboxBacklog backlog;
  long long pending = 0, failed = 0, oldest = -1;
  sql_ << sql::kOutboxBacklog, soci::into(pending), soci::into(failed), soci::into(oldest);
  backlog.pending = pending;
  backlog.failed = failed;
  backlog.oldest_pending_ms = oldest;
  return backlog;
}

std::optional<OutboxEvent> OutboxStore::find(const std::string& event_id) {
  event_key_ = event_id;
  if (!find_.execute(true)) return std::nullopt;
  return row_;
}

bool OutboxStore::retry(const std::string& event_id) {
  event_key_ = event_id;
  retry_.execute(true);
  return count_ > 0;
}

}  // namespace shop::model
