#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace shop::fcgi {

/// What the master counts of its request-serving children for systemd's STATUS=.
struct NotifyCounts {
  int idle = 0;
  int busy = 0;              ///< reading a request or serving one
  int starting = 0;          ///< forked, not ready yet
  std::uint64_t served = 0;  ///< requests answered by the workers alive now
};

/// The pool as a `Type=notify` service (sd_notify(3), through libsystemd): READY=1 once every worker is ready,
/// RELOADING=1 on SIGHUP and READY=1 again when the reload is done, STOPPING=1 on a stop, STATUS= with the
/// counts, WATCHDOG=1 every half of the unit's WatchdogSec. Outside systemd (no NOTIFY_SOCKET) it does nothing.
///
/// A binary upgrade (SIGUSR2, upgrade.hpp): the old master, which systemd knows as the main process, names the
/// new one with MAINPID= once it is ready, and says nothing more (its stop is no stop of the service). The new
/// master says nothing until then (systemd's NotifyAccess=main would refuse it), and pings the watchdog from
/// then on although WATCHDOG_PID still names the old one.
class SystemdNotifier {
 public:
  using Clock = std::chrono::steady_clock;

  /// `successor`: this master was started by an old one's SIGUSR2 and is silent until activate().
  explicit SystemdNotifier(bool successor);

  /// Each turn of the master's loop: READY=1 when `ready` (every worker ready, no reload under way) and not
  /// said since the start or the last reloading(); STATUS= when the counts changed (at most once a second);
  /// WATCHDOG=1 when due.
  void update(const NotifyCounts& counts, bool ready);
  void reloading();
  void stopping();
  /// The old master hands the service to `successor`: MAINPID=, then silence.
  void hand_over(pid_t successor);
  /// A successor that told its old master it is ready: the service's main process from now on.
  void activate();

 private:
  void send(const std::string& message);

  bool enabled_;
  bool active_;
  bool ready_said_ = false;
  std::optional<std::chrono::microseconds> watchdog_interval_;  ///< half of WatchdogSec
  Clock::time_point next_watchdog_{};
  Clock::time_point next_status_{};
  std::string last_status_;
  bool failure_logged_ = false;
};

}  // namespace shop::fcgi
