#pragma once

#include <chrono>
#include <optional>

namespace shop::model {

/// Whether reads may go to a read standby now: pure bookkeeping, the clock passed in. A standby that failed
/// rests for `retry_after` before the next try, twice as long after each failure in a row up to 12 times that
/// (a dead host costs a connect timeout per try); its replay lag is checked at most once per `check_every` (a
/// query per second per worker, not one per request), and reads go to it only while the lag last seen is
/// within `max_lag`. Until a first check it is not trusted.
class ReplicaHealth {
 public:
  using Clock = std::chrono::steady_clock;

  explicit ReplicaHealth(std::chrono::milliseconds max_lag,
                         std::chrono::milliseconds check_every = std::chrono::seconds(1),
                         std::chrono::milliseconds retry_after = std::chrono::seconds(5));

  /// False while it rests after a failure.
  bool may_try(Clock::time_point now) const;
  /// True when no lag was seen yet or the last check is `check_every` old.
  bool lag_check_due(Clock::time_point now) const;
  void lag_seen(std::chrono::milliseconds lag, Clock::time_point now);
  /// It could not be reached or a read on it failed: rest, then check its lag again before trusting it.
  void failed(Clock::time_point now);
  /// May serve reads: not resting, checked, and its last lag within bounds.
  bool usable(Clock::time_point now) const;

 private:
  std::chrono::milliseconds max_lag_;
  std::chrono::milliseconds check_every_;
  std::chrono::milliseconds retry_after_;
  std::optional<Clock::time_point> resting_until_;
  std::optional<Clock::time_point> checked_at_;
  std::chrono::milliseconds lag_{0};
  int failures_in_a_row_ = 0;
};

}  // namespace shop::model
