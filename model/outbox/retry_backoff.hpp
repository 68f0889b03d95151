#pragma once

#include <chrono>
#include <random>

namespace shop::model {

/// How long the relay waits before attempt `attempts + 1`, after `attempts` failures (1, 2, ...): 2 s doubling
/// per failure, capped at 5 minutes, with "equal jitter" (half fixed, half random) so that many events that
/// failed together do not retry together.
std::chrono::milliseconds retry_backoff(int attempts, std::mt19937_64& random);

inline constexpr std::chrono::milliseconds kFirstRetry{2'000};
inline constexpr std::chrono::milliseconds kMaxRetry{300'000};

}  // namespace shop::model
