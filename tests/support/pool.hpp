#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace shop::test {

/// The pool master's pid, from SHOP_TEST_POOL_PID_FILE.
pid_t pool_master_pid();

/// Live (not zombie) children of `parent`, sorted, found through /proc/*/stat (this kernel has no
/// /proc/PID/task/TID/children).
std::vector<pid_t> children_of(pid_t parent);

/// The pool's workers: the live children of `master` that hold the FastCGI listening socket the master opened
/// (the pool's background children, relay and sweeper, close it). Sorted.
std::vector<pid_t> worker_pids(pid_t master);

/// True when `pid` exists and is not a zombie.
bool process_alive(pid_t pid);

/// Kills `victim`, a worker of `master`, with SIGKILL and waits up to `limit` for the master to replace it
/// (the victim gone, as many workers as before); false when the kill failed or no replacement came in time.
bool kill_worker_and_wait_for_respawn(pid_t master, pid_t victim, std::chrono::milliseconds limit);

/// Polls `condition` every 50 ms until it holds or `limit` passes; its last value. A bound, not a speed
/// requirement: tests give it generous limits.
bool wait_until(std::chrono::milliseconds limit, const std::function<bool()>& condition);

/// Runs a shell command line (the SHOP_TEST_PG_* ones) with system(); its exit code, -1 when it did not exit.
int run_shell(const std::string& command);

/// PostgreSQL stopped and started under the pool by a test, through the command lines scripts/test exports.
/// Started again when the test leaves with it stopped, so that one failure does not fail every later test.
class PostgresControl {
 public:
  PostgresControl();  ///< SHOP_TEST_PG_START must be set
  ~PostgresControl();
  PostgresControl(const PostgresControl&) = delete;
  PostgresControl& operator=(const PostgresControl&) = delete;

  /// Runs the stop command line of `variable` (SHOP_TEST_PG_STOP: -m fast, SHOP_TEST_PG_KILL: -m immediate),
  /// which waits for the server to be gone; true when it succeeded.
  bool stop(const char* variable);
  /// Runs SHOP_TEST_PG_START, which waits until the server accepts connections; true when it succeeded.
  bool start();
  const std::string& start_command() const { return start_command_; }

 private:
  std::string start_command_;
  bool stopped_ = false;
};

/// The first line of the pool log (SHOP_TEST_POOL_LOG) containing `needle`, waiting up to `limit` for it
/// (a worker writes its line after the answer has gone).
std::optional<std::string> wait_for_log_line(const std::string& needle, std::chrono::milliseconds limit);

}  // namespace shop::test
