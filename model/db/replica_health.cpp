#include "model/db/replica_health.hpp"

#include <algorithm>

namespace shop::model {

ReplicaHealth::ReplicaHealth(std::chrono::milliseconds max_lag, std::chrono::milliseconds check_every,
                             std::chrono::milliseconds retry_after)
    : max_lag_(max_lag), check_every_(check_every), retry_after_(retry_after) {}

bool ReplicaHealth::may_try(Clock::time_point now) const {
  return !resting_until_ || now >= *resting_until_;
}

bool ReplicaHealth::lag_check_due(Clock::time_point now) const {
  return !checked_at_ || now - *checked_at_ >= check_every_;
}

void ReplicaHealth::lag_seen(std::chrono::milliseconds lag, Clock::time_point now) {
  lag_ = lag;
  checked_at_ = now;
  resting_until_.reset();
  failures_in_a_row_ = 0;
}

void ReplicaHealth::failed(Clock::time_point now) {
  constexpr int kLongestRest = 12;  // times retry_after
  const int factor = failures_in_a_row_ >= 4 ? kLongestRest : std::min(kLongestRest, 1 << failures_in_a_row_);
  ++failures_in_a_row_;
  resting_until_ = now + retry_after_ * factor;
  checked_at_.reset();
}

bool ReplicaHealth::usable(Clock::time_point now) const {
  return may_try(now) && checked_at_.has_value() && lag_ <= max_lag_;
}

}  // namespace shop::model
