#pragma once

#include <soci/soci.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "model/outbox/outbox_backlog.hpp"
#include "model/outbox/outbox_event.hpp"
#include "model/outbox/outbox_repository.hpp"
#include "model/page.hpp"

namespace shop::model {

/// The outbox's delivering and operating side: the relay claims due events one at a time, each with a lease
/// (so several pools never send one event at once), and records each result; an operator lists and retries.
class OutboxStore {
 public:
  explicit OutboxStore(soci::session& sql);
  OutboxStore(const OutboxStore&) = delete;
  OutboxStore& operator=(const OutboxStore&) = delete;

  /// Subscribes this session to the payment transactions' notifications.
  void listen();
  /// The oldest due PENDING event, its attempt counted (`attempts` is this attempt's number) and not due again
  /// for `lease`; committed at once, outside any transaction.
  std::optional<OutboxEvent> claim_next(std::chrono::milliseconds lease);
  void mark_delivered(Id id);
  /// Records the failure of claimed attempt `attempt`: the event is tried again after `retry_in`, or is FAILED
  /// when `give_up`. Nothing changes when the event was claimed again since.
  void mark_attempt_failed(Id id, int attempt, const std::string& error, std::chrono::milliseconds retry_in,
                           bool give_up);
  /// FAILED, for an event claimed as attempt `claimed_attempt` when it had none left (its last attempt never
  /// recorded a result); its attempts go back to the ones made.
  void give_up_unfinished(Id id, int claimed_attempt, const std::string& error);
  /// Time until the next PENDING event falls due (zero when one is due; one being sent, when its lease ends),
  /// or nullopt when none waits.
  std::optional<std::chrono::milliseconds> next_due_in();

  std::vector<OutboxEvent> list(OutboxStatus status, const PageRequest& page);
  long long count(OutboxStatus status);
  /// Pending and failed events and the oldest pending one's age. A one-off statement, not prepared: only the
  /// sweeper asks, every few seconds, and every other session would pay for preparing it.
  OutboxBacklog backlog();
  std::optional<OutboxEvent> find(const std::string& event_id);
  /// FAILED -> PENDING with its attempts reset, due now; false when it was not FAILED.
  bool retry(const std::string& event_id);

 private:
  soci::session& sql_;
  Id id_ = 0;
  int attempts_ = 0;
  long long lease_ms_ = 0;
  std::string event_key_;
  const std::string channel_{kOutboxChannel};
  std::string status_;
  std::string error_;
  long long delay_ms_ = 0;
  long long limit_ = 0;
  long long offset_ = 0;
  long long count_ = 0;
  long long due_in_ms_ = 0;
  soci::indicator due_in_ind_ = soci::i_null;
  OutboxEvent row_;

  soci::statement claim_;
  soci::statement delivered_;
  soci::statement failed_;
  soci::statement give_up_;
  soci::statement due_in_;
  soci::statement list_;
  soci::statement count_stmt_;
  soci::statement find_;
  soci::statement retry_;
};

}  // namespace shop::model
