#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace shop::test {

/// A file written whole (the configuration files of the tests).
void write_file(const std::string& path, const std::string& text);
std::string read_file(const std::string& path);

/// A new directory under SHOP_TEST_TMP_DIR for one test's files.
std::string make_test_dir(const std::string& prefix);

/// The pool's binary (`binary`, by default SHOP_TEST_SHOP_BIN) started with `args` and an environment of `env` only
/// (and PATH): nothing of the test's own SHOP_* variables reaches it. Its output goes to `output`. Not waited for: the
/// tests watch it come up. A WATCHDOG_USEC in `env` gets WATCHDOG_PID set to the pool's own pid, as systemd
/// does. Whatever of it still runs when the object goes is killed.
class ConfiguredPool {
 public:
  ConfiguredPool(const std::vector<std::string>& args, const std::vector<std::pair<std::string, std::string>>& env,
                 const std::string& output, const std::string& binary = {});
  ~ConfiguredPool();
  ConfiguredPool(const ConfiguredPool&) = delete;
  ConfiguredPool& operator=(const ConfiguredPool&) = delete;

  pid_t pid() const { return pid_; }
  /// Waits up to `limit` for it to exit; its exit code, -1 when it did not exit (or died by a signal).
  int wait_exit(std::chrono::milliseconds limit);

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
};

/// Runs the pool's binary with `args` and an environment of `env` only, to its end (at most 15 s): its exit
/// code and what it wrote on stdout and stderr.
std::pair<int, std::string> run_shop(const std::vector<std::string>& args,
                                     const std::vector<std::pair<std::string, std::string>>& env);

/// Status of GET `uri` through the pool's FastCGI socket at `socket`; 0 when it failed.
int fastcgi_get(const std::string& socket, const std::string& uri);

/// How many times `needle` occurs in the file at `path`.
int count_in_file(const std::string& path, const std::string& needle);

}  // namespace shop::test
