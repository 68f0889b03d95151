#include "fcgi/pool/process_manager.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace shop::fcgi {
namespace {

using std::chrono::seconds;

// php-fpm's maintenance runs once a second and retires at most one idle child each time: a pool shrinks
// gently, and a burst that comes back finds workers still there.
constexpr seconds kRetirePace{1};

std::string named(const char* name, int value) {
  return std::string(name) + " (" + std::to_string(value) + ")";
}

/// The idle worker idle the longest (pid 0: none), when it has been idle at least `at_least`.
pid_t longest_idle(const PmSnapshot& snapshot, std::chrono::steady_clock::duration at_least) {
  const PmWorker* oldest = nullptr;
  for (const PmWorker& worker : snapshot.workers) {
    if (worker.pid <= 0 || worker.state != SlotState::kIdle) continue;
    if (oldest == nullptr || worker.idle_since < oldest->idle_since) oldest = &worker;
  }
  return oldest != nullptr && snapshot.now - oldest->idle_since >= at_least ? oldest->pid : 0;
}

}  // namespace

const char* to_string(PmMode mode) noexcept {
  switch (mode) {
    case PmMode::kStatic:
      return "static";
    case PmMode::kDynamic:
      return "dynamic";
    case PmMode::kOndemand:
      return "ondemand";
  }
  return "?";
}

PmMode pm_mode_from(std::string_view text) {
  for (const PmMode mode : {PmMode::kStatic, PmMode::kDynamic, PmMode::kOndemand}) {
    if (text == to_string(mode)) return mode;
  }
  throw std::invalid_argument("SHOP_PM must be static, dynamic or ondemand, got '" + std::string(text) + "'");
}

void validate(const PmLimits& limits) {
  if (limits.max_children < 1) {
    throw std::invalid_argument(named("SHOP_PM_MAX_CHILDREN", limits.max_children) + " must be at least 1");
  }
  if (limits.mode == PmMode::kOndemand && limits.idle_timeout.count() <= 0) {
    throw std::invalid_argument("SHOP_PM_PROCESS_IDLE_TIMEOUT_SECONDS must be positive");
  }
  if (limits.mode != PmMode::kDynamic) return;
  const std::string min = named("SHOP_PM_MIN_SPARE_SERVERS", limits.min_spare_servers);
  const std::string max = named("SHOP_PM_MAX_SPARE_SERVERS", limits.max_spare_servers);
  const std::string start = named("SHOP_PM_START_SERVERS", limits.start_servers);
  const std::string children = named("SHOP_PM_MAX_CHILDREN", limits.max_children);
  if (limits.min_spare_servers < 1) throw std::invalid_argument(min + " must be at least 1 with SHOP_PM=dynamic");
  if (limits.min_spare_servers > limits.max_spare_servers) {
    throw std::invalid_argument(min + " must not be greater than " + max);
  }
  if (limits.max_spare_servers > limits.max_children) {
    throw std::invalid_argument(max + " must not be greater than " + children);
  }
  if (limits.start_servers < limits.min_spare_servers || limits.start_servers > limits.max_spare_servers) {
    throw std::invalid_argument(start + " must be between " + min + " and " + max);
  }
}

int initial_workers(const PmLimits& limits) noexcept {
  switch (limits.mode) {
    case PmMode::kStatic:
      return limits.max_children;
    case PmMode::kDynamic:
      return limits.start_servers;
    case PmMode::kOndemand:
      return 0;
  }
  return limits.max_children;
}

PmDecision decide(const PmLimits& limits, const PmSnapshot& snapshot) {
  PmDecision decision;
  const int total = static_cast<int>(snapshot.workers.size());
  int idle = 0;
  int starting = 0;
  for (const PmWorker& worker : snapshot.workers) {
    idle += worker.state == SlotState::kIdle ? 1 : 0;
    starting += worker.state == SlotState::kStarting ? 1 : 0;
  }
  const auto want = [&](int count) {
    const int room = std::max(0, limits.max_children - total);
    decision.spawn = std::min(count, room);
    decision.held_by_max_children = count > room;
  };
  const bool may_retire = snapshot.now - snapshot.last_retire >= kRetirePace;
  switch (limits.mode) {
    case PmMode::kStatic:
      if (total < limits.max_children) want(limits.max_children - total);
      break;
    case PmMode::kDynamic:
      // A starting worker is a spare on its way: counting it keeps one shortage from being filled twice.
      if (idle + starting < limits.min_spare_servers) {
        want(limits.min_spare_servers - idle - starting);
      } else if (idle > limits.max_spare_servers && may_retire) {
        if (const pid_t pid = longest_idle(snapshot, {})) decision.retire.push_back(pid);
      }
      break;
    case PmMode::kOndemand:
      if (idle + starting == 0) {
        decision.watch_listener = total < limits.max_children;
        if (snapshot.connections_waiting) want(1);
      }
      if (may_retire) {
        if (const pid_t pid = longest_idle(snapshot, limits.idle_timeout)) decision.retire.push_back(pid);
      }
      break;
  }
  return decision;
}

PmDecision ProcessManager::step(const std::vector<Observed>& workers, bool connections_waiting,
                                std::chrono::steady_clock::time_point now) {
  PmSnapshot snapshot;
  snapshot.now = now;
  snapshot.last_retire = last_retire_;
  snapshot.connections_waiting = connections_waiting;
  std::map<pid_t, Seen> seen;
  for (const Observed& worker : workers) {
    PmWorker view{worker.pid, worker.state, now};
    if (worker.pid > 0) {
      const auto found = seen_.find(worker.pid);
      Seen was = found != seen_.end() ? found->second : Seen{worker.served, worker.state, now};
      // Idle since the last turn that saw it do anything: a request served between two turns counts too.
      if (worker.state != SlotState::kIdle || was.state != SlotState::kIdle || worker.served != was.served) {
        was.idle_since = now;
      }
      was.state = worker.state;
      was.served = worker.served;
      view.idle_since = was.idle_since;
      seen.emplace(worker.pid, was);
    }
    snapshot.workers.push_back(view);
  }
  seen_ = std::move(seen);

  PmDecision decision = decide(limits_, snapshot);
  if (!decision.retire.empty()) last_retire_ = now;
  just_reached_ = decision.held_by_max_children && !held_;
  if (just_reached_) ++max_children_reached_;
  // A stretch of being held back ends once the pool is below max children again.
  held_ = decision.held_by_max_children || (held_ && static_cast<int>(workers.size()) >= limits_.max_children);
  return decision;
}

}  // namespace shop::fcgi
