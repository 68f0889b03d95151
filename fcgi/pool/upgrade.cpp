#include "fcgi/pool/upgrade.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "fcgi/http/strict_integer.hpp"
#include "fcgi/log.hpp"

namespace shop::fcgi {
namespace {

bool keep_across_exec(int fd) {
  const int flags = ::fcntl(fd, F_GETFD);
  return flags >= 0 && ::fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC) == 0;
}

/// In the forked child: the new binary starts as a fresh process would, with the three descriptors.
[[noreturn]] void exec_successor(const UpgradePlan& plan, int ready_fd) {
  for (int signo = 1; signo < NSIG; ++signo) {
    if (signo != SIGKILL && signo != SIGSTOP) ::signal(signo, SIG_DFL);
  }
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  if (!keep_across_exec(plan.listen_fd) || !keep_across_exec(plan.pid_fd) || !keep_across_exec(ready_fd)) {
    ::_exit(127);
  }
  ::setenv("SHOP_LISTEN_FD", std::to_string(plan.listen_fd).c_str(), 1);
  ::setenv("SHOP_PID_FD", std::to_string(plan.pid_fd).c_str(), 1);
  ::setenv("SHOP_READY_FD", std::to_string(ready_fd).c_str(), 1);
  if (plan.status_fd >= 0) {
    if (!keep_across_exec(plan.status_fd)) ::_exit(127);
    ::setenv("SHOP_STATUS_FD", std::to_string(plan.status_fd).c_str(), 1);
  }
  std::vector<char*> argv;
  for (const std::string& argument : plan.arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  ::execv(plan.executable.c_str(), argv.data());
  const std::string error = "cannot exec " + plan.executable + ": " + std::strerror(errno);
  log_error({}, error);
  ::_exit(127);
}

}  // namespace

UpgradePlan plan_upgrade(int argc, char** argv) {
  UpgradePlan plan;
  char path[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  plan.executable = n > 0 ? std::string(path, static_cast<std::size_t>(n)) : std::string(argv[0]);
  plan.arguments.assign(argv, argv + argc);
  return plan;
}

std::optional<Successor> start_successor(const UpgradePlan& plan) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    log_error({}, std::string("upgrade: pipe2 failed: ") + std::strerror(errno));
    return std::nullopt;
  }
  // No signal may reach the child through the master's handlers (and its signal pipe) before the exec.
  sigset_t all, previous;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, &previous);
  const pid_t pid = ::fork();
  if (pid == 0) exec_successor(plan, pipe_fds[1]);
  sigprocmask(SIG_SETMASK, &previous, nullptr);
  ::close(pipe_fds[1]);
  if (pid < 0) {
    log_error({}, std::string("upgrade: fork failed: ") + std::strerror(errno));
    ::close(pipe_fds[0]);
    return std::nullopt;
  }
  return Successor{pid, pipe_fds[0]};
}

std::optional<int> inherited_fd(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  const auto fd = parse_strict_integer(value);
  if (!fd || *fd < 0 || *fd > INT_MAX) throw std::invalid_argument(std::string(name) + " is not a descriptor");
  ::unsetenv(name);
  return static_cast<int>(*fd);
}

void report_ready(int ready_fd) noexcept {
  const char byte = 1;
  [[maybe_unused]] const auto written = ::write(ready_fd, &byte, 1);
  ::close(ready_fd);
}

}  // namespace shop::fcgi
