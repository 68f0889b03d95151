#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace shop::fcgi {

/// A kind of child the master keeps running: `count` processes, each running `run` after fork.
struct ChildRole {
  std::string name;
  int count = 1;
  std::function<int()> run;  ///< the child's whole life; its result is the exit code
};

struct MasterOptions {
  std::string pid_file;
  std::chrono::milliseconds stop_timeout{10'000};  ///< SIGTERM to SIGKILL on a graceful stop
};

/// The pre-fork master (php-fpm's shape): forks the children, respawns one that dies (at once, slower when it
/// keeps dying), replaces them one by one on SIGHUP, and on SIGTERM/SIGINT lets each finish its request,
/// killing what is left after the timeout. Signals reach the loop through a self-pipe. Returns the exit code.
int run_master(const MasterOptions& options, const std::vector<ChildRole>& roles);

}  // namespace shop::fcgi
