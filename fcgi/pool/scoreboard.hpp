#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

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

/// A copy of one slot, as read by another process.
struct SlotView {
  pid_t pid = 0;
  char role[16] = {};
  SlotState state = SlotState::kFree;
  std::uint64_t served = 0;  ///< requests answered
  SlotRequest current;       ///< meaningful while kBusy
  std::chrono::microseconds last_duration{0};
  /// Leaving on its own (max requests, memory cap) once its connections are served: the master replaces it at
  /// once, before it is gone.
  bool recycling = false;
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
  /// all are taken. `release` frees it once the child is reaped.
  std::optional<std::size_t> claim(std::string_view role);
  void release(std::size_t slot);

  /// A consistent copy of `slot`; nullopt when writes kept overlapping the read (a few tries).
  std::optional<SlotView> read(std::size_t slot) const;

  /// Makes `slot` the calling process's own, writing its pid: the mark_* functions below write there. Called
  /// in the child right after fork; from then on the child is the slot's only writer until it is reaped.
  void adopt(std::size_t slot);

  struct Slot;

 private:
  Slot* slots_;
  std::size_t count_;
};

/// The calling child's own slot (Scoreboard::adopt); each does nothing in a process without one.
void mark_idle() noexcept;
void mark_reading() noexcept;
void mark_busy(std::string_view request_id, std::string_view method, std::string_view path) noexcept;
/// The request is answered: counted, its duration kept, and the slot idle again.
void mark_served() noexcept;
/// The worker has stopped accepting and leaves once its held connections are served (SlotView::recycling).
void mark_recycling() noexcept;

}  // namespace shop::fcgi
