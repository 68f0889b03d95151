#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace shop::fcgi {

/// Replacing the binary on SIGUSR2 without dropping a request (unicorn's way): the master forks and execs the
/// binary again, the new master inherits the listening socket and the locked pid file through descriptors
/// named in its environment (SHOP_LISTEN_FD, SHOP_PID_FD), writes its pid, starts its workers and, once they
/// are ready, says so on a pipe (SHOP_READY_FD); only then does the old master stop its workers gracefully and
/// leave. Connections wait in the socket's backlog meanwhile, so none is refused. If the new master fails to
/// start or to become ready in time, the old one keeps serving.
struct UpgradePlan {
  /// The binary's path as /proc/self/exe named it at start: a binary rebuilt in place since is the one run.
  std::string executable;
  std::vector<std::string> arguments;  ///< argv as given (the process title overwrites argv's memory)
  int listen_fd = -1;
  int pid_fd = -1;
  int status_fd = -1;  ///< the status page's socket (SHOP_STATUS_FD), when there is one
};

/// Reads /proc/self/exe and copies argv; call before the process title is set.
UpgradePlan plan_upgrade(int argc, char** argv);

/// A started successor: its pid and the read end of its readiness pipe (one byte when ready, EOF if it died).
struct Successor {
  pid_t pid = 0;
  int ready_fd = -1;
};

/// Forks and execs the successor; nullopt (logged) when fork or pipe failed.
std::optional<Successor> start_successor(const UpgradePlan& plan);

/// In a successor: the descriptor named by environment variable `name`, which is then removed from the
/// environment (so that no child or later successor sees it). nullopt when unset; throws when malformed.
std::optional<int> inherited_fd(const char* name);

/// In a successor whose workers are ready: one byte on SHOP_READY_FD's pipe, which is then closed.
void report_ready(int ready_fd) noexcept;

}  // namespace shop::fcgi
