#include "tests/pool/private_pool.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/support/env.hpp"
#include "tests/support/fastcgi_client.hpp"
#include "tests/support/pool.hpp"

namespace shop::test {
namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

[[noreturn]] void exec_pool(const std::vector<std::string>& args, const std::string& output) {
  ::setsid();  // signals sent to the test's process group do not reach it
  const int fd = ::open(output.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd >= 0) {
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
  }
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  ::execv(argv[0], argv.data());
  ::_exit(127);
}

void set_pool_environment(const std::vector<std::pair<std::string, std::string>>& env) {
  ::setenv("SHOP_DATABASE_URL", require_env("SHOP_TEST_DATABASE_URL").c_str(), 1);
  ::unsetenv("SHOP_DATA_PLATFORM_URL");
  for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
}

}  // namespace

PrivatePool::PrivatePool(int workers, std::vector<std::pair<std::string, std::string>> env) {
  std::string pattern = require_env("SHOP_TEST_TMP_DIR") + "/p-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  socket_ = dir_ + "/s";
  pid_file_ = dir_ + "/pid";
  log_ = dir_ + "/log";
  env.insert(env.begin(), {"SHOP_WORKERS", std::to_string(workers)});
  env.insert(env.begin(), {"SHOP_LOG_FILE", log_});
  const std::vector<std::string> args = {require_env("SHOP_TEST_SHOP_BIN"), "--socket", socket_, "--pid-file",
                                         pid_file_};
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    set_pool_environment(env);
    exec_pool(args, log_ + ".start");
  }
  first_master_ = pid;
  const bool up = wait_until(std::chrono::seconds(15), [&] {
    struct stat info {};
    return master() == pid && ::stat(socket_.c_str(), &info) == 0 && get("/api/v1/health") == 200;
  });
  if (!up) {
    throw std::runtime_error("the private pool did not come up: " + read_all(log_ + ".start") + read_all(log_));
  }
}

PrivatePool::~PrivatePool() {
  for (const pid_t master_pid : {master(), first_master_}) {
    if (master_pid <= 0) continue;
    for (const pid_t child : children_of(master_pid)) ::kill(child, SIGKILL);
    ::kill(master_pid, SIGKILL);
  }
  ::waitpid(first_master_, nullptr, 0);
}

pid_t PrivatePool::master() const {
  std::ifstream in(pid_file_);
  long long pid = 0;
  return in >> pid ? static_cast<pid_t>(pid) : 0;
}

bool PrivatePool::wait_for_log(const std::string& needle, std::chrono::milliseconds limit) const {
  return wait_until(limit, [&] { return read_all(log_).find(needle) != std::string::npos; });
}

std::size_t PrivatePool::log_lines_with(const std::string& needle) const {
  std::istringstream lines(read_all(log_));
  std::size_t count = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.find(needle) != std::string::npos) ++count;
  }
  return count;
}

int PrivatePool::get(const std::string& uri, int sleep_ms) const {
  try {
    FastCgiConnection connection(socket_);
    auto params = nginx_like_params("GET", uri, 0);
    if (sleep_ms != 0) params.emplace_back("HTTP_X_SHOP_TEST_SLEEP_MS", std::to_string(sleep_ms));
    const auto answer = connection.request(params, "", false);
    return answer.ended ? answer.status() : 0;
  } catch (const std::exception&) {
    return 0;
  }
}

std::pair<int, std::string> PrivatePool::run_once(const std::vector<std::string>& args,
                                                  std::chrono::milliseconds limit) {
  char pattern[] = "/tmp/shop-run-once-XXXXXX";
  const int fd = ::mkstemp(pattern);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  const std::string output = pattern;
  std::vector<std::string> argv = {require_env("SHOP_TEST_SHOP_BIN")};
  argv.insert(argv.end(), args.begin(), args.end());
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    set_pool_environment({{"SHOP_WORKERS", "1"}});
    exec_pool(argv, output);
  }
  int status = 0;
  const bool exited = wait_until(limit, [&] { return ::waitpid(pid, &status, WNOHANG) == pid; });
  if (!exited) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }
  std::string text = read_all(output);
  ::unlink(output.c_str());
  return {exited && WIFEXITED(status) ? WEXITSTATUS(status) : -1, text};
}

std::string command_line_of(pid_t pid) {
  std::string text = read_all("/proc/" + std::to_string(pid) + "/cmdline");
  for (char& c : text) c = c == '\0' ? ' ' : c;
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

std::string name_of(pid_t pid) {
  std::string text = read_all("/proc/" + std::to_string(pid) + "/comm");
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace shop::test
