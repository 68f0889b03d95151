#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace shop::test {

/// A pool of its own for a test that stops, kills or upgrades it: SHOP_TEST_SHOP_BIN over the test database,
/// on its own socket, pid file and log (SHOP_LOG_FILE) in a new directory under SHOP_TEST_TMP_DIR, with no
/// relay; spoken to through its socket (tests/support/fastcgi_client.hpp), not through nginx. Whatever of it
/// is still running when the test leaves is killed.
class PrivatePool {
 public:
  /// Starts it with `workers` workers and the extra environment `env` (name, value), and waits up to 15 s for
  /// its pid file and socket; throws std::runtime_error when it does not come up.
  explicit PrivatePool(int workers = 2, std::vector<std::pair<std::string, std::string>> env = {});
  ~PrivatePool();
  PrivatePool(const PrivatePool&) = delete;
  PrivatePool& operator=(const PrivatePool&) = delete;

  /// The master that the pid file names now; 0 when there is none (no file, or empty).
  pid_t master() const;
  /// The master this object started (a SIGUSR2 replaces it).
  pid_t first_master() const { return first_master_; }
  const std::string& dir() const { return dir_; }
  const std::string& socket() const { return socket_; }
  const std::string& pid_file() const { return pid_file_; }
  const std::string& log() const { return log_; }

  /// Whether the log file holds a line containing `needle`, waiting up to `limit`.
  bool wait_for_log(const std::string& needle, std::chrono::milliseconds limit) const;
  /// How many lines of the log hold `needle` now.
  std::size_t log_lines_with(const std::string& needle) const;

  /// One GET `uri` straight to the socket, the worker made to sleep `sleep_ms` first when not 0 (the test
  /// builds' X-Shop-Test-Sleep-Ms); the answer's status, 0 when it failed (refused, cut, no answer).
  int get(const std::string& uri, int sleep_ms = 0) const;

  /// Runs the pool's binary with `args` (a second pool, say), over the test database with one worker, and
  /// waits up to `limit` for it to exit: its exit code (-1 when it did not exit in time, and was killed) and
  /// what it wrote.
  static std::pair<int, std::string> run_once(const std::vector<std::string>& args, std::chrono::milliseconds limit);

 private:
  std::string dir_;
  std::string socket_;
  std::string pid_file_;
  std::string log_;
  pid_t first_master_ = 0;
};

/// Reads /proc/PID/cmdline (NULs as spaces, trailing ones dropped) and /proc/PID/comm (no newline).
std::string command_line_of(pid_t pid);
std::string name_of(pid_t pid);

}  // namespace shop::test
