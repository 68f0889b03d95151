#include "model/outbox/retry_backoff.hpp"

#include <algorithm>

namespace shop::model {

std::chrono::milliseconds retry_backoff(int attempts, std::mt19937_64& random) {
  const int doublings = std::clamp(attempts - 1, 0, 20);
  const long long ceiling = std::min(kMaxRetry.count(), kFirstRetry.count() << doublings);
  std::uniform_int_distribution<long long> jitter(0, ceiling / 2);
  return std::chrono::milliseconds(ceiling - ceiling / 2 + jitter(random));
}

}  // namespace shop::model
