#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "fcgi/pool/listen_queue.hpp"
#include "fcgi/pool/scoreboard.hpp"
#include "fcgi/pool/status_report.hpp"

namespace shop::fcgi {

/// What the status page says of the pool, kept by the master: it samples the listen queue and the workers'
/// states on every turn of its loop (at least 4 times a second) for the figures that are maxima since the
/// start, and derives the rest from the scoreboard when asked. Nothing is counted apart from the scoreboard.
class PoolWatch {
 public:
  /// `request_roles`: the roles whose processes serve requests (the workers); `listen_fd`: the pool's socket.
  PoolWatch(const Scoreboard& scoreboard, std::vector<std::string> request_roles, int listen_fd, std::string pool_name,
            std::string process_manager);

  /// One look at the listen queue and the workers, for the maxima.
  void sample();

  /// The figures now; `full` adds one entry per child (with its resident memory, read from /proc).
  PoolStatus snapshot(bool full);

  /// In a child right after fork: the master's descriptors are not the child's to keep.
  void close_in_child() noexcept { listen_queue_.close_in_child(); }

 private:
  struct Workers {
    int idle = 0, active = 0;
  };
  Workers count_workers() const;
  bool serves_requests(const char* role) const;
  void note(const Workers& workers, const std::optional<ListenQueue::Reading>& queue);

  const Scoreboard& scoreboard_;
  std::vector<std::string> request_roles_;
  ListenQueue listen_queue_;
  std::string pool_name_;
  std::string process_manager_;
  std::chrono::system_clock::time_point start_time_ = std::chrono::system_clock::now();
  std::uint32_t max_listen_queue_ = 0;
  int max_active_ = 0;
  std::uint64_t max_children_reached_ = 0;
  bool saturated_ = false;  ///< at the last sample, every worker was busy while connections waited
};

}  // namespace shop::fcgi
