#include "fcgi/pool/master.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <string>

#include "fcgi/log.hpp"
#include "fcgi/pool/signals.hpp"

namespace shop::fcgi {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

int g_signal_pipe[2] = {-1, -1};

extern "C" void on_master_signal(int signo) {
  const int saved_errno = errno;
  const auto byte = static_cast<unsigned char>(signo);
  [[maybe_unused]] const auto written = ::write(g_signal_pipe[1], &byte, 1);
  errno = saved_errno;
}

constexpr int kHandledSignals[] = {SIGTERM, SIGINT, SIGHUP, SIGCHLD};

void install_master_signals() {
  if (::pipe2(g_signal_pipe, O_NONBLOCK | O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  catch_signals(kHandledSignals, on_master_signal);
}

/// A child process and what the master knows of it.
struct Child {
  std::size_t role;
  Clock::time_point started;
  bool retiring = false;  ///< replaced or stopping: its exit is expected and not respawned
};

class Master {
 public:
  Master(const MasterOptions& options, const std::vector<ChildRole>& roles)
      : options_(options), roles_(roles), quick_deaths_(roles.size(), 0) {}

  int run() {
    write_pid_file();
    for (std::size_t role = 0; role < roles_.size(); ++role) {
      for (int i = 0; i < roles_[role].count; ++i) spawn(role);
    }
    log_info({}, "master ready, pid " + std::to_string(::getpid()));
    while (!stopping_) {
      wait_for_signals(next_wakeup());
      reap();
      respawn_due();
      step_reload();
    }
    stop_children();
    remove_pid_file();
    log_info({}, "master stopped");
    return 0;
  }

 private:
  void write_pid_file() {
    std::ofstream out(options_.pid_file, std::ios::trunc);
    out << ::getpid() << '\n';
    if (!out) throw std::runtime_error("cannot write pid file " + options_.pid_file);
  }

  void remove_pid_file() {
    std::ifstream in(options_.pid_file);
    pid_t pid = 0;
    if (in >> pid && pid == ::getpid()) ::unlink(options_.pid_file.c_str());
  }

  void spawn(std::size_t role) {
    // Signals stay blocked across fork so that none reaches the child through the master's handler.
    sigset_t all, previous;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &previous);
    const pid_t pid = ::fork();
    if (pid == 0) {
      reset_signals(kHandledSignals);
      ::close(g_signal_pipe[0]);
      ::close(g_signal_pipe[1]);
      sigprocmask(SIG_SETMASK, &previous, nullptr);
      int code = 1;
      try {
        code = roles_[role].run();
      } catch (const std::exception& e) {
        log_error({}, roles_[role].name + " failed: " + e.what());
      }
      ::_exit(code);
    }
    sigprocmask(SIG_SETMASK, &previous, nullptr);
    if (pid < 0) {
      log_error({}, std::string("fork failed: ") + std::strerror(errno));
      pending_.emplace_back(Clock::now() + milliseconds(1000), role);
      return;
    }
    children_.emplace(pid, Child{role, Clock::now()});
  }

  milliseconds next_wakeup() const {
    milliseconds wait(1000);
    const auto now = Clock::now();
    for (const auto& [due, role] : pending_) {
      wait = std::min(wait, std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(due - now)));
    }
    return wait;
  }

  void wait_for_signals(milliseconds timeout) {
    pollfd fd{g_signal_pipe[0], POLLIN, 0};
    if (::poll(&fd, 1, static_cast<int>(timeout.count())) <= 0) return;
    unsigned char signals[64];
    ssize_t n;
    while ((n = ::read(g_signal_pipe[0], signals, sizeof signals)) > 0) {
      for (ssize_t i = 0; i < n; ++i) {
        if (signals[i] == SIGTERM || signals[i] == SIGINT) {
          stopping_ = true;
        } else if (signals[i] == SIGHUP) {
          start_reload();
        }
      }
    }
  }

  /// Collects every exited child: SIGCHLDs coalesce, so one signal may stand for several.
  void reap() {
    int status = 0;
    pid_t pid;
    while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) on_exit(pid, status);
  }

  void on_exit(pid_t pid, int status) {
    const auto found = children_.find(pid);
    if (found == children_.end()) return;
    const Child child = found->second;
    children_.erase(found);
    if (pid == retiring_) retiring_ = 0;
    const std::string& name = roles_[child.role].name;
    if (child.retiring || stopping_) return;

    const std::string how = WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                                                : "exited with " + std::to_string(WEXITSTATUS(status));
    // A child that dies within a second of its start is crashing: back off, doubling, up to 10 s.
    const bool quick = Clock::now() - child.started < milliseconds(1000);
    int& deaths = quick_deaths_[child.role];
    deaths = quick ? deaths + 1 : 0;
    const milliseconds delay =
        deaths <= 1 ? milliseconds(0) : std::min(milliseconds(10'000), milliseconds(250L << std::min(deaths - 2, 6)));
    log_error(
        {}, name + " " + std::to_string(pid) + " " + how + "; respawning in " + std::to_string(delay.count()) + " ms");
    pending_.emplace_back(Clock::now() + delay, child.role);
  }

  void respawn_due() {
    const auto now = Clock::now();
    auto due = std::stable_partition(pending_.begin(), pending_.end(), [&](const auto& p) { return p.first > now; });
    std::vector<std::size_t> roles;
    for (auto it = due; it != pending_.end(); ++it) roles.push_back(it->second);
    pending_.erase(due, pending_.end());
    for (const std::size_t role : roles) spawn(role);
  }

  void start_reload() {
    log_info({}, "reload: replacing children one by one");
    reload_queue_.clear();
    for (const auto& [pid, child] : children_) {
      if (!child.retiring) reload_queue_.push_back(pid);
    }
  }

  /// Replaces one child at a time: its successor is forked first, then it is asked to finish and leave.
  void step_reload() {
    while (retiring_ == 0 && !reload_queue_.empty()) {
      const pid_t pid = reload_queue_.front();
      reload_queue_.pop_front();
      const auto found = children_.find(pid);
      if (found == children_.end()) continue;
      spawn(found->second.role);
      found->second.retiring = true;
      retiring_ = pid;
      ::kill(pid, SIGTERM);
    }
  }

  void stop_children() {
    log_info({}, "stopping " + std::to_string(children_.size()) + " children");
    for (auto& [pid, child] : children_) {
      child.retiring = true;
      ::kill(pid, SIGTERM);
    }
    const auto deadline = Clock::now() + options_.stop_timeout;
    while (!children_.empty() && Clock::now() < deadline) {
      wait_for_signals(milliseconds(100));
      reap();
    }
    for (const auto& [pid, child] : children_) {
      log_error({}, roles_[child.role].name + " " + std::to_string(pid) + " did not stop in time: SIGKILL");
      ::kill(pid, SIGKILL);
    }
    for (const auto& [pid, child] : children_) ::waitpid(pid, nullptr, 0);
    children_.clear();
  }

  const MasterOptions& options_;
  const std::vector<ChildRole>& roles_;
  std::map<pid_t, Child> children_;
  std::vector<std::pair<Clock::time_point, std::size_t>> pending_;  ///< respawns waiting for their time
  std::vector<int> quick_deaths_;                                   ///< per role, in a row
  std::deque<pid_t> reload_queue_;
  pid_t retiring_ = 0;
  bool stopping_ = false;
};

}  // namespace

int run_master(const MasterOptions& options, const std::vector<ChildRole>& roles) {
  install_master_signals();
  return Master(options, roles).run();
}

}  // namespace shop::fcgi
