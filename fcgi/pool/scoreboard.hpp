#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "model/product/standby_use.hpp"

namespace shop::fcgi {

/// What a child of the pool is doing, as it last said.
enum class SlotState : std::uint8_t {
  kFree,      ///< no process owns the slot
  kStarting,  ///< forked, not yet ready to serve
  kIdle,      ///< waiting for a connection
  kReading,   ///< a connection is sending its request
  kBusy,      ///< serving the request in `current`
};

const char* to_string(SlotState state) noexcept;

/// The request a worker serves (copied, truncated to fit: the scoreboard lives in fixed shared memory).
struct SlotRequest {
  char request_id[64] = {};
  char method[16] = {};
  char path[160] = {};
  std::chrono::steady_clock::time_point started{};  ///< CLOCK_MONOTONIC: the same in every process
};

/// Figures only a process with a database connection can know, published by the sweeper in its own slot
/// every few seconds (the master has no connection): the outbox's backlog.
struct ShopFigures {
  bool measured = false;
  std::int64_t outbox_pending = 0;
  std::int64_t outbox_failed = 0;
  std::int64_t oldest_pending_ms = -1;         ///< age of the oldest PENDING event; -1 when none waits
  std::chrono::steady_clock::time_point at{};  ///< when they were read
};

/// A copy of one slot, as read by another process.
struct SlotView {
  pid_t pid = 0;
  char role[16] = {};
  SlotState state = SlotState::kFree;
  std::chrono::system_clock::time_point started{};  ///< when the master forked it
  std::uint64_t served = 0;                         ///< requests answered
  SlotRequest current;                              ///< meaningful while kBusy
  std::chrono::microseconds last_duration{0};
  /// Leaving on its own (max requests, memory cap) once its connections are served: the master replaces it at
  /// once, before it is gone.
  bool recycling = false;
  // Counts of the process's life, each only growing; the master folds them into the retired totals when it
  // reaps the process, so that totals never drop when a child is replaced.
  std::uint64_t accepted = 0;                                 ///< requests begun
  std::uint64_t answers[4] = {};                              ///< by status class: 2xx, 3xx, 4xx, 5xx
  std::uint64_t database_errors = 0;                          ///< requests that ended in a 5xx after a database failure
  std::uint64_t slow = 0;                                     ///< requests past SHOP_SLOW_REQUEST_MS
  std::uint64_t orders_expired = 0;                           ///< by the sweeper
  ShopFigures figures;                                        ///< the sweeper's
  model::StandbyUse read_standby = model::StandbyUse::kNone;  ///< a worker's, after its last request
};

/// The pool's counts: those of the processes gone (the retired totals) plus those of every slot.
struct PoolCounts {
  std::uint64_t accepted = 0;
  std::uint64_t served = 0;
  std::uint64_t answers[4] = {};
  std::uint64_t database_errors = 0;
  std::uint64_t slow = 0;
  std::uint64_t orders_expired = 0;

  void add(const SlotView& slot) noexcept;
  void add(const PoolCounts& other) noexcept;
};

/// How a request ended, for its slot's counts.
struct RequestOutcome {
  int status = 0;  ///< the answer's HTTP status; 0 when none was sent (the client went away)
  bool database_error = false;
  bool slow = false;
  model::StandbyUse read_standby = model::StandbyUse::kNone;  ///< where the worker's catalog reads go now
};

/// The pool's scoreboard: one slot per child in memory shared by the master and every child it forks
/// (anonymous MAP_SHARED, made before the first fork). Each slot has one writer at a time: the master while
/// it is free (it prepares it before the fork), then the child that owns it. Readers never lock: a sequence
/// counter, odd while a write is under way, tells them to read again (a seqlock), so a child stuck in a
/// request can never stall the master.
class Scoreboard {
 public:
  explicit Scoreboard(std::size_t slots);
  ~Scoreboard();
  Scoreboard(const Scoreboard&) = delete;
  Scoreboard& operator=(const Scoreboard&) = delete;

  std::size_t size() const noexcept { return count_; }

  /// The master's side: a free slot for a child of `role` about to be forked, marked kStarting; nullopt when
  /// all are taken. `release` frees it once the child is reaped, adding its counts to the retired totals.
  std::optional<std::size_t> claim(std::string_view role);
  void release(std::size_t slot);

  /// The counts of the children released so far (the master's own memory: it is their only writer and reader).
  const PoolCounts& retired() const noexcept { return retired_; }
  /// The retired totals plus every slot's counts, derived now: nothing is counted twice or kept apart.
  PoolCounts totals() const;

  /// A consistent copy of `slot`; nullopt when writes kept overlapping the read (a few tries).
  std::optional<SlotView> read(std::size_t slot) const;

  /// Makes `slot` the calling process's own, writing its pid: the mark_* functions below write there. Called
  /// in the child right after fork; from then on the child is the slot's only writer until it is reaped.
  void adopt(std::size_t slot);

  struct Slot;

 private:
  Slot* slots_;
  std::size_t count_;
  PoolCounts retired_;
};

/// The calling child's own slot (Scoreboard::adopt); each does nothing in a process without one.
void mark_idle() noexcept;
void mark_reading() noexcept;
/// A request has begun (counted as accepted): the slot is busy with it.
void mark_busy(std::string_view request_id, std::string_view method, std::string_view path) noexcept;
/// The request is answered: counted with its outcome, its duration kept, and the slot idle again.
void mark_served(const RequestOutcome& outcome = {}) noexcept;
/// The worker has stopped accepting and leaves once its held connections are served (SlotView::recycling).
void mark_recycling() noexcept;

/// The sweeper's: its latest figures, and orders it expired.
void publish_figures(const ShopFigures& figures) noexcept;
void count_orders_expired(std::uint64_t count) noexcept;

}  // namespace shop::fcgi
