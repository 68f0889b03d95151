#include "fcgi/pool/recycling.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <random>

namespace shop::fcgi {

Recycling::Recycling(const RecycleLimits& limits, std::uint64_t seed)
    : max_rss_bytes_(static_cast<long long>(limits.max_rss_mb) * 1024 * 1024) {
  if (limits.max_requests <= 0) return;
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<int> jitter(0, std::max(0, limits.max_requests_jitter));
  request_limit_ = static_cast<std::uint64_t>(limits.max_requests) + static_cast<std::uint64_t>(jitter(random));
}

std::optional<std::string> Recycling::due(std::uint64_t served) const {
  if (request_limit_ > 0 && served >= request_limit_) {
    return "served " + std::to_string(served) +
           " requests (SHOP_PM_MAX_REQUESTS with its jitter: " + std::to_string(request_limit_) + ")";
  }
  if (max_rss_bytes_ > 0) {
    const long long resident = resident_bytes();
    if (resident > max_rss_bytes_) {
      return "resident memory " + std::to_string(resident / (1024 * 1024)) + " MB is over SHOP_PM_MAX_RSS_MB (" +
             std::to_string(max_rss_bytes_ / (1024 * 1024)) + ")";
    }
  }
  return std::nullopt;
}

long long resident_bytes() noexcept {
  std::FILE* file = std::fopen("/proc/self/statm", "re");
  if (file == nullptr) return 0;
  long long size = 0;
  long long resident = 0;
  const int read = std::fscanf(file, "%lld %lld", &size, &resident);
  std::fclose(file);
  return read == 2 ? resident * ::sysconf(_SC_PAGESIZE) : 0;
}

}  // namespace shop::fcgi
