#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "fcgi/pool/pid_file.hpp"
#include "fcgi/pool/process_manager.hpp"
#include "fcgi/pool/upgrade.hpp"

namespace shop::fcgi {

/// A kind of child the master keeps running: `count` processes, each running `run` after fork.
struct ChildRole {
  std::string name;
  int count = 1;
  std::function<int()> run;  ///< the child's whole life; its result is the exit code
  /// Serves requests: its scoreboard slot says when it is ready, and the request deadline applies to it.
  bool serves_requests = false;
};

struct MasterOptions {
  PidFile& pid_file;
  std::chrono::milliseconds stop_timeout{10'000};  ///< SIGTERM to SIGKILL on a stop, a reload's retiring child
  std::chrono::seconds request_timeout{30};        ///< a worker busy on one request longer is replaced
  std::chrono::milliseconds kill_grace{2'000};     ///< SIGTERM to SIGKILL for a worker past its request deadline
  UpgradePlan upgrade;                             ///< how to start a new binary on SIGUSR2
  int ready_fd = -1;  ///< started by an old master's SIGUSR2: where to say that the workers are ready
  /// How many processes of the role that serves requests run: its `count` is where it starts, then the process
  /// manager (process_manager.hpp) spawns and retires them each turn of the loop.
  PmLimits pm;
  int listen_fd = -1;  ///< the shared listening socket: polled (never accepted on) by ondemand's master, and
                       ///< whose queue the status page shows
  int status_fd = -1;  ///< the status page's socket (status_server.hpp); -1: none
  /// On SIGHUP, before the children are replaced: reads the configuration again and applies it (the roles'
  /// counts, request_timeout, what children started from now on run with); keeps the old one when it is bad.
  std::function<void()> reload;
};

/// The pre-fork master (php-fpm's shape): forks the children, respawns one that dies (at once, slower when it
/// keeps dying), and stops a worker busy on one request past the request deadline (replacing it at once).
/// Signals (README "Signals") reach the loop through a self-pipe: TERM/INT and QUIT stop (each child finishes
/// its request, killed after the stop timeout), HUP replaces the children one by one (each bounded by the stop
/// timeout), USR1 reopens the log file here and in every child, USR2 starts a new binary (upgrade.hpp); the
/// others cannot end it. The children share a scoreboard (scoreboard.hpp) with it. Under systemd it reports
/// readiness, reloads, stops and its counts (systemd_notify.hpp). Returns the exit code.
int run_master(const MasterOptions& options, const std::vector<ChildRole>& roles);

}  // namespace shop::fcgi
