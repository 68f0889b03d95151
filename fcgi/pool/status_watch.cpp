#include "fcgi/pool/status_watch.hpp"

#include <algorithm>
#include <string_view>

#include "fcgi/pool/process_memory.hpp"

namespace shop::fcgi {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

/// php-fpm's words for a process's state.
const char* state_name(SlotState state, bool serves_requests) {
  if (!serves_requests) return "Running";  // a background loop: never idle in php-fpm's sense
  switch (state) {
    case SlotState::kStarting:
      return "Starting";
    case SlotState::kIdle:
      return "Idle";
    case SlotState::kReading:
      return "Reading headers";
    case SlotState::kBusy:
      return "Running";
    case SlotState::kFree:
      break;
  }
  return "Unknown";
}

}  // namespace

PoolWatch::PoolWatch(const Scoreboard& scoreboard, std::vector<std::string> request_roles, int listen_fd,
                     std::string pool_name, std::string process_manager)
    : scoreboard_(scoreboard),
      request_roles_(std::move(request_roles)),
      listen_queue_(listen_fd),
      pool_name_(std::move(pool_name)),
      process_manager_(std::move(process_manager)) {}

bool PoolWatch::serves_requests(const char* role) const {
  return std::find(request_roles_.begin(), request_roles_.end(), std::string_view(role)) != request_roles_.end();
}

PoolWatch::Workers PoolWatch::count_workers() const {
  Workers workers;
  for (std::size_t i = 0; i < scoreboard_.size(); ++i) {
    const auto view = scoreboard_.read(i);
    if (!view || view->state == SlotState::kFree || !serves_requests(view->role)) continue;
    // A worker still starting takes no connection yet, but will in a moment: php-fpm counts it idle too.
    if (view->state == SlotState::kReading || view->state == SlotState::kBusy) {
      ++workers.active;
    } else {
      ++workers.idle;
    }
  }
  return workers;
}

void PoolWatch::note(const Workers& workers, const std::optional<ListenQueue::Reading>& queue) {
  max_active_ = std::max(max_active_, workers.active);
  const std::uint32_t waiting = queue ? queue->waiting : 0;
  max_listen_queue_ = std::max(max_listen_queue_, waiting);
  // Counted once each time the pool runs out of workers, not on every sample while it stays so.
  const bool saturated = workers.idle == 0 && workers.active > 0 && waiting > 0;
  if (saturated && !saturated_) ++max_children_reached_;
  saturated_ = saturated;
}

void PoolWatch::sample() {
  note(count_workers(), listen_queue_.read());
}

PoolStatus PoolWatch::snapshot(bool full) {
  const Workers workers = count_workers();
  const auto queue = listen_queue_.read();
  note(workers, queue);
  PoolStatus status;
  status.pool = pool_name_;
  status.process_manager = process_manager_;
  status.start_time = start_time_;
  status.start_since = duration_cast<std::chrono::seconds>(std::chrono::system_clock::now() - start_time_);
  if (queue) {
    status.listen_queue = queue->waiting;
    status.listen_queue_len = queue->backlog;
  }
  status.max_listen_queue = max_listen_queue_;
  status.idle = workers.idle;
  status.active = workers.active;
  status.total = workers.idle + workers.active;
  status.max_active = max_active_;
  status.max_children_reached = max_children_reached_;

  const PoolCounts totals = scoreboard_.totals();
  status.accepted = totals.accepted;
  status.slow = totals.slow;
  std::copy(std::begin(totals.answers), std::end(totals.answers), std::begin(status.answers));
  status.database_errors = totals.database_errors;
  status.orders_expired = totals.orders_expired;

  const auto now = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < scoreboard_.size(); ++i) {
    const auto view = scoreboard_.read(i);
    if (!view || view->state == SlotState::kFree) continue;
    // The freshest figures of any sweeper (one runs; two overlap only while one replaces the other).
    const ShopFigures& figures = view->figures;
    if (figures.measured && (!status.outbox || now - figures.at < status.outbox->age)) {
      PoolStatus::Outbox outbox;
      outbox.pending = figures.outbox_pending;
      outbox.failed = figures.outbox_failed;
      if (figures.oldest_pending_ms >= 0) outbox.oldest_pending_age = milliseconds(figures.oldest_pending_ms);
      outbox.age = duration_cast<milliseconds>(now - figures.at);
      status.outbox = outbox;
    }
    const bool serves = serves_requests(view->role);
    if (serves && view->read_standby != model::StandbyUse::kNone) {
      if (!status.read_standby) status.read_standby.emplace();
      ++(view->read_standby == model::StandbyUse::kServing ? status.read_standby->in_use
                                                           : status.read_standby->left_aside);
    }
    if (!full || view->pid == 0) continue;  // pid 0: forked this instant, not yet in its slot
    ProcessStatus process;
    process.pid = view->pid;
    process.role = view->role;
    process.state = state_name(view->state, serves);
    process.started = view->started;
    process.requests = view->served;
    process.request_duration = view->state == SlotState::kBusy
                                   ? duration_cast<std::chrono::microseconds>(now - view->current.started)
                                   : view->last_duration;
    process.request_id = view->current.request_id;
    process.method = view->current.method;
    process.uri = view->current.path;
    process.last_duration = view->last_duration;
    process.memory = resident_bytes(view->pid);
    status.processes.push_back(std::move(process));
  }
  return status;
}

}  // namespace shop::fcgi
