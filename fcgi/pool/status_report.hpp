#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shop::fcgi {

/// One child of the master, for `?full`.
struct ProcessStatus {
  pid_t pid = 0;
  std::string role;
  std::string state;  ///< php-fpm's words: Starting, Idle, Reading headers, Running
  std::chrono::system_clock::time_point started{};
  std::uint64_t requests = 0;
  std::chrono::microseconds request_duration{0};  ///< the current request's so far, else the last one's
  std::string request_id, method, uri;            ///< the current request, else the last one
  std::chrono::microseconds last_duration{0};
  std::optional<std::uint64_t> memory;  ///< resident bytes, read now
};

/// The status page's figures at one moment: php-fpm's, then Shop's own.
struct PoolStatus {
  std::string pool;
  std::string process_manager;
  std::chrono::system_clock::time_point start_time{};
  std::chrono::seconds start_since{0};
  std::uint64_t accepted = 0;
  std::optional<std::uint32_t> listen_queue;      ///< connections waiting now; nullopt when the kernel did not say
  std::uint32_t max_listen_queue = 0;             ///< the most seen since the start
  std::optional<std::uint32_t> listen_queue_len;  ///< the backlog
  int idle = 0, active = 0, total = 0;
  int max_active = 0;
  std::uint64_t max_children_reached = 0;
  std::uint64_t slow = 0;
  std::uint64_t answers[4] = {};  ///< 2xx, 3xx, 4xx, 5xx
  std::uint64_t database_errors = 0;
  /// The sweeper's database figures, with their age; absent until it has read them once.
  struct Outbox {
    std::int64_t pending = 0;
    std::int64_t failed = 0;
    std::optional<std::chrono::milliseconds> oldest_pending_age;  ///< none waits: nullopt
    std::chrono::milliseconds age{0};                             ///< how old these figures are
  };
  std::optional<Outbox> outbox;
  /// Workers whose catalog reads go to the read standby, and those that left it aside (unfit) and read from
  /// the primary; absent while none has chosen (no standby configured, or no catalog read yet).
  struct ReadStandby {
    int in_use = 0;
    int left_aside = 0;
  };
  std::optional<ReadStandby> read_standby;
  std::uint64_t orders_expired = 0;
  std::vector<ProcessStatus> processes;  ///< with `?full` only
};

/// php-fpm's JSON, with its key names ("accepted conn", "listen queue", ...), Shop's own after them, and with
/// `full` a "processes" array.
std::string status_json(const PoolStatus& status, bool full);

/// The Prometheus text format (HELP and TYPE for each family, counters named *_total), ending with OpenMetrics'
/// "# EOF" line (a comment to Prometheus's parser); with `full`, per-process families labelled by pid and role.
std::string status_openmetrics(const PoolStatus& status, bool full);

}  // namespace shop::fcgi
