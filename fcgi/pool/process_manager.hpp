#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "fcgi/pool/scoreboard.hpp"

namespace shop::fcgi {

/// php-fpm's pm: how many workers run and when they come and go.
enum class PmMode {
  kStatic,    ///< max children, always
  kDynamic,   ///< start servers, then between min and max spare idle ones, at most max children
  kOndemand,  ///< none until a connection waits; a worker idle past the idle timeout leaves
};

const char* to_string(PmMode mode) noexcept;
/// "static", "dynamic" or "ondemand"; throws std::invalid_argument naming SHOP_PM otherwise.
PmMode pm_mode_from(std::string_view text);

/// The SHOP_PM_* settings, with php-fpm's meanings.
struct PmLimits {
  PmMode mode = PmMode::kStatic;
  int max_children = 4;
  int start_servers = 2;                           ///< dynamic only
  int min_spare_servers = 1;                       ///< dynamic only
  int max_spare_servers = 3;                       ///< dynamic only
  std::chrono::milliseconds idle_timeout{10'000};  ///< ondemand only
};

/// php-fpm's checks (min spare <= start <= max spare <= max children, ...): std::invalid_argument naming the
/// SHOP_PM_* variables and their values.
void validate(const PmLimits& limits);

/// Workers the master starts with: max children (static), start servers (dynamic), none (ondemand).
int initial_workers(const PmLimits& limits) noexcept;

/// One worker as the process manager sees it. A respawn still waiting for its time counts as kStarting with
/// pid 0: it is on its way.
struct PmWorker {
  pid_t pid = 0;
  SlotState state = SlotState::kStarting;
  std::chrono::steady_clock::time_point idle_since{};  ///< meaningful while kIdle
};

/// What the pool looks like now. `workers` holds those that stay: not the ones already leaving.
struct PmSnapshot {
  std::vector<PmWorker> workers;
  bool connections_waiting = false;  ///< the listening socket is readable (read for ondemand)
  std::chrono::steady_clock::time_point now{};
  std::chrono::steady_clock::time_point last_retire{};  ///< at most one idle worker is retired per second
};

struct PmDecision {
  int spawn = 0;
  std::vector<pid_t> retire;          ///< idle workers to ask to leave
  bool held_by_max_children = false;  ///< a spawn was wanted, max children prevented it
  bool watch_listener = false;        ///< ondemand: wake the master when a connection arrives
};

/// The decision for one turn of the master's loop: a pure function of the limits and the snapshot.
PmDecision decide(const PmLimits& limits, const PmSnapshot& snapshot);

/// decide() with the memory it needs across turns: since when each worker is idle (from its scoreboard state
/// and served count), when it last retired one, and php-fpm's "max children reached": the times max children
/// held a wanted spawn back, counted once per stretch of being held (as php-fpm does), for the status page.
class ProcessManager {
 public:
  explicit ProcessManager(const PmLimits& limits) : limits_(limits) {}

  /// A worker staying in the pool (not leaving), as its scoreboard slot reads now.
  struct Observed {
    pid_t pid = 0;  ///< 0: a respawn waiting for its time
    SlotState state = SlotState::kStarting;
    std::uint64_t served = 0;
  };

  /// One turn: the decision, with `retire` already counted as retired.
  PmDecision step(const std::vector<Observed>& workers, bool connections_waiting,
                  std::chrono::steady_clock::time_point now);

  const PmLimits& limits() const noexcept { return limits_; }
  /// New limits (a reload): its counts go on.
  void set_limits(const PmLimits& limits) noexcept { limits_ = limits; }
  std::uint64_t max_children_reached() const noexcept { return max_children_reached_; }
  /// True on the turn that began a stretch of being held back (for a warning in the log).
  bool just_reached_max_children() const noexcept { return just_reached_; }

 private:
  struct Seen {
    std::uint64_t served = 0;
    SlotState state = SlotState::kStarting;
    std::chrono::steady_clock::time_point idle_since{};
  };

  PmLimits limits_;
  std::map<pid_t, Seen> seen_;
  std::chrono::steady_clock::time_point last_retire_{};
  std::uint64_t max_children_reached_ = 0;
  bool held_ = false;
  bool just_reached_ = false;
};

}  // namespace shop::fcgi
