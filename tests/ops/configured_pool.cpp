#include "tests/ops/configured_pool.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tests/support/env.hpp"
#include "tests/support/fastcgi_client.hpp"
#include "tests/support/pool.hpp"

namespace shop::test {
namespace {

[[noreturn]] void exec_shop(const std::vector<std::string>& args,
                            const std::vector<std::pair<std::string, std::string>>& env, const std::string& output,
                            const std::string& binary) {
  ::setsid();  // signals sent to the test's process group do not reach it
  const std::string path = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "/usr/bin:/bin";
  ::clearenv();
  ::setenv("PATH", path.c_str(), 1);
  for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
  if (std::getenv("WATCHDOG_USEC") != nullptr) ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
  const int fd = ::open(output.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd >= 0) {
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
  }
  std::vector<std::string> all = {binary};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (const std::string& arg : all) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  ::execv(argv[0], argv.data());
  ::_exit(127);
}

}  // namespace

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string make_test_dir(const std::string& prefix) {
  std::string pattern = require_env("SHOP_TEST_TMP_DIR") + "/" + prefix + "-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

ConfiguredPool::ConfiguredPool(const std::vector<std::string>& args,
                               const std::vector<std::pair<std::string, std::string>>& env, const std::string& output,
                               const std::string& binary) {
  // Everything the child needs is ready before the fork: it must never throw (it would run the tests on).
  const std::string program = binary.empty() ? require_env("SHOP_TEST_SHOP_BIN") : binary;
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) exec_shop(args, env, output, program);
}

ConfiguredPool::~ConfiguredPool() {
  if (reaped_) return;
  for (const pid_t child : children_of(pid_)) ::kill(child, SIGKILL);
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

int ConfiguredPool::wait_exit(std::chrono::milliseconds limit) {
  int status = 0;
  const bool exited = wait_until(limit, [&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; });
  if (!exited) return -1;
  reaped_ = true;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::pair<int, std::string> run_shop(const std::vector<std::string>& args,
                                     const std::vector<std::pair<std::string, std::string>>& env) {
  char pattern[] = "/tmp/shop-run-shop-XXXXXX";
  const int fd = ::mkstemp(pattern);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  int code = -1;
  {
    ConfiguredPool run(args, env, pattern);
    code = run.wait_exit(std::chrono::seconds(15));
  }
  std::string text = read_file(pattern);
  ::unlink(pattern);
  return {code, text};
}

int fastcgi_get(const std::string& socket, const std::string& uri) {
  try {
    FastCgiConnection connection(socket);
    const auto answer = connection.request(nginx_like_params("GET", uri, 0), "", false);
    return answer.ended ? answer.status() : 0;
  } catch (const std::exception&) {
    return 0;
  }
}

int count_in_file(const std::string& path, const std::string& needle) {
  const std::string text = read_file(path);
  int count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++count;
  return count;
}

}  // namespace shop::test
