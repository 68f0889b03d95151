#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace shop::fcgi {

/// When a worker leaves on its own to be replaced by a fresh one (php-fpm's pm.max_requests, and a cap on its
/// resident memory): a slow leak or fragmentation never grows without bound.
struct RecycleLimits {
  int max_requests = 0;         ///< SHOP_PM_MAX_REQUESTS; 0: never for its count
  int max_requests_jitter = 0;  ///< SHOP_PM_MAX_REQUESTS_JITTER: each worker adds random 0..this to it
  int max_rss_mb = 0;           ///< SHOP_PM_MAX_RSS_MB; 0: never for its memory
};

/// One worker's own limits: its request count drawn once, from `seed`, in max_requests..max_requests+jitter,
/// so that workers started together do not all leave together.
class Recycling {
 public:
  Recycling(const RecycleLimits& limits, std::uint64_t seed);

  /// After a request: why the worker should leave now (for the log), nullopt while it should not. `served` is
  /// its count of requests so far.
  std::optional<std::string> due(std::uint64_t served) const;

  std::uint64_t request_limit() const noexcept { return request_limit_; }  ///< 0: none

 private:
  std::uint64_t request_limit_ = 0;
  long long max_rss_bytes_ = 0;
};

/// The calling process's resident memory in bytes (/proc/self/statm); 0 when it cannot be read.
long long resident_bytes() noexcept;

}  // namespace shop::fcgi
