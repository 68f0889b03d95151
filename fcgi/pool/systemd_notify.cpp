#include "fcgi/pool/systemd_notify.hpp"

#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <ctime>

#include "fcgi/http/strict_integer.hpp"
#include "fcgi/log.hpp"

namespace shop::fcgi {
namespace {

/// Half of WatchdogSec when the unit sets it. A successor reads WATCHDOG_USEC itself: WATCHDOG_PID names the
/// master it replaces, so sd_watchdog_enabled says no, yet systemd expects the pings from it once it is the
/// main process.
std::optional<std::chrono::microseconds> watchdog_interval(bool successor) {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0) {
    const char* text = std::getenv("WATCHDOG_USEC");
    const auto parsed = successor && text != nullptr ? parse_strict_integer(text) : std::nullopt;
    if (!parsed || *parsed <= 0) return std::nullopt;
    usec = static_cast<std::uint64_t>(*parsed);
  }
  return std::chrono::microseconds(usec / 2);
}

std::string monotonic_usec() {
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);
  return std::to_string(static_cast<long long>(now.tv_sec) * 1'000'000 + now.tv_nsec / 1000);
}

}  // namespace

SystemdNotifier::SystemdNotifier(bool successor)
    : enabled_(std::getenv("NOTIFY_SOCKET") != nullptr),
      active_(!successor),
      ready_said_(successor),  // the service is already running: the old master said READY=1
      watchdog_interval_(enabled_ ? watchdog_interval(successor) : std::nullopt) {}

void SystemdNotifier::update(const NotifyCounts& counts, bool ready) {
  if (!enabled_ || !active_) return;
  const auto now = Clock::now();
  const std::string status = "STATUS=workers: " + std::to_string(counts.idle) + " idle, " +
                             std::to_string(counts.busy) + " busy, " + std::to_string(counts.starting) +
                             " starting; requests served: " + std::to_string(counts.served);
  if (ready && !ready_said_) {
    ready_said_ = true;
    last_status_ = status;
    next_status_ = now + std::chrono::seconds(1);
    send("READY=1\n" + status);
    log_info({}, "told systemd: READY=1");
  } else if (status != last_status_ && now >= next_status_) {
    last_status_ = status;
    next_status_ = now + std::chrono::seconds(1);
    send(status);
  }
  if (watchdog_interval_ && now >= next_watchdog_) {
    next_watchdog_ = now + *watchdog_interval_;
    send("WATCHDOG=1");
  }
}

void SystemdNotifier::reloading() {
  if (!enabled_ || !active_) return;
  ready_said_ = false;
  send("RELOADING=1\nMONOTONIC_USEC=" + monotonic_usec() + "\nSTATUS=reloading");
}

void SystemdNotifier::stopping() {
  if (!enabled_ || !active_) return;
  send("STOPPING=1\nSTATUS=stopping");
}

void SystemdNotifier::hand_over(pid_t successor) {
  if (!enabled_ || !active_) return;
  send("MAINPID=" + std::to_string(successor) + "\nSTATUS=replaced by a new binary, pid " + std::to_string(successor));
  active_ = false;
}

void SystemdNotifier::activate() {
  active_ = true;
}

void SystemdNotifier::send(const std::string& message) {
  const int result = sd_notify(0, message.c_str());
  if (result < 0 && !failure_logged_) {
    failure_logged_ = true;
    log_error({}, std::string("sd_notify failed: ") + std::strerror(-result));
  }
}

}  // namespace shop::fcgi
