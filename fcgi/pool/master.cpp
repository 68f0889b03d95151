#include "fcgi/pool/master.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "fcgi/log.hpp"
#include "fcgi/pool/process_manager.hpp"
#include "fcgi/pool/process_title.hpp"
#include "fcgi/pool/scoreboard.hpp"
#include "fcgi/pool/signals.hpp"
#include "fcgi/pool/status_server.hpp"
#include "fcgi/pool/systemd_notify.hpp"

namespace shop::fcgi {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A worker past its request deadline is stopped this long after it, once nginx (whose read timeout is the
// same deadline) has answered its client 504.
constexpr std::chrono::seconds kAfterNginx{1};
// The loop wakes at least this often, to check the request deadlines.
constexpr milliseconds kTick{250};
// A new binary that is not ready within this (its workers started) is given up; the old one serves on.
constexpr milliseconds kUpgradeTimeout{30'000};

int g_signal_pipe[2] = {-1, -1};

extern "C" void on_master_signal(int signo) {
  const int saved_errno = errno;
  const auto byte = static_cast<unsigned char>(signo);
  [[maybe_unused]] const auto written = ::write(g_signal_pipe[1], &byte, 1);
  errno = saved_errno;
}

constexpr int kHandledSignals[] = {SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2, SIGCHLD};

void install_master_signals() {
  if (::pipe2(g_signal_pipe, O_NONBLOCK | O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  catch_signals(kHandledSignals, on_master_signal);
  ignore_stray_signals();
}

long long millis(Clock::duration duration) {
  return std::chrono::duration_cast<milliseconds>(duration).count();
}

/// A child process and what the master knows of it.
struct Child {
  std::size_t role;
  std::size_t slot;  ///< its scoreboard slot
  Clock::time_point started;
  bool retiring = false;                     ///< replaced or stopping: its exit is expected and not respawned
  bool timed_out = false;                    ///< stopped for its request deadline
  std::optional<Clock::time_point> kill_at;  ///< SIGKILL then, if it has not left
};

class Master {
 public:
  Master(const MasterOptions& options, const std::vector<ChildRole>& roles)
      : options_(options),
        roles_(roles),
        quick_deaths_(roles.size(), 0),
        scoreboard_(slot_count(roles, options.pm)),
        ready_fd_(options.ready_fd),
        process_manager_(options.pm),
        watch_(scoreboard_, request_roles(roles), options.listen_fd, "shop", to_string(options.pm.mode)),
        status_(options.status_fd, watch_),
        notifier_(options.ready_fd >= 0) {
    for (std::size_t role = 0; role < roles.size(); ++role) {
      if (roles[role].serves_requests) managed_role_ = role;
    }
  }

  int run() {
    set_process_title("shop: master");
    // A master started by an old one's SIGUSR2 names itself in the pid file only once it is ready.
    if (ready_fd_ < 0) options_.pid_file.write(::getpid());
    for (std::size_t role = 0; role < roles_.size(); ++role) {
      for (int i = 0; i < roles_[role].count; ++i) spawn(role);
    }
    log_info({}, "master ready, pid " + std::to_string(::getpid()));
    while (!stopping_) {
      wait_for_signals(next_wakeup());
      reap();
      watch_.sample();
      enforce_request_deadlines();
      enforce_kill_deadlines();
      respawn_due();
      manage_workers();
      step_reload();
      report_ready_when_ready();
      notify_systemd();
      give_up_slow_successor();
    }
    notifier_.stopping();
    stop_children();
    options_.pid_file.remove_if_names(::getpid());
    log_info({}, "master stopped");
    return 0;
  }

 private:
  static std::size_t slot_count(const std::vector<ChildRole>& roles, const PmLimits& pm) {
    std::size_t count = 0;
    for (const ChildRole& role : roles) {
      count += static_cast<std::size_t>(role.serves_requests ? std::max(role.count, pm.max_children) : role.count);
    }
    // Room for replacements that start while the children they replace are still leaving.
    return 2 * count + 8;
  }

  static std::vector<std::string> request_roles(const std::vector<ChildRole>& roles) {
    std::vector<std::string> names;
    for (const ChildRole& role : roles) {
      if (role.serves_requests) names.push_back(role.name);
    }
    return names;
  }

  void spawn(std::size_t role) {
    const auto slot = scoreboard_.claim(roles_[role].name);
    if (!slot) {
      log_error({}, "scoreboard full: " + roles_[role].name + " starts in 1000 ms");
      pending_.emplace_back(Clock::now() + milliseconds(1000), role);
      return;
    }
    const pid_t master = ::getpid();
    // Signals stay blocked across fork so that none reaches the child through the master's handler.
    sigset_t all, previous;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &previous);
    const pid_t pid = ::fork();
    if (pid == 0) become_child(role, *slot, master, previous);
    sigprocmask(SIG_SETMASK, &previous, nullptr);
    if (pid < 0) {
      log_error({}, std::string("fork failed: ") + std::strerror(errno));
      scoreboard_.release(*slot);
      pending_.emplace_back(Clock::now() + milliseconds(1000), role);
      return;
    }
    children_.emplace(pid, Child{role, *slot, Clock::now(), false, false, std::nullopt});
  }

  [[noreturn]] void become_child(std::size_t role, std::size_t slot, pid_t master, const sigset_t& mask) {
    reset_signals(kHandledSignals);
    restore_stray_signals();
    install_log_reopen_signal();
    ::close(g_signal_pipe[0]);
    ::close(g_signal_pipe[1]);
    // The master's own descriptors: the pid file's lock must go with the master, not linger in a child.
    ::close(options_.pid_file.fd());
    if (ready_fd_ >= 0) ::close(ready_fd_);
    if (successor_) ::close(successor_->ready_fd);
    status_.close_in_child();
    // Children end when the master dies, however it dies; it may have died before the prctl.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != master) ::_exit(0);
    scoreboard_.adopt(slot);
    set_process_title("shop: " + roles_[role].name);
    sigprocmask(SIG_SETMASK, &mask, nullptr);
    int code = 1;
    try {
      code = roles_[role].run();
    } catch (const std::exception& e) {
      log_error({}, roles_[role].name + " failed: " + e.what());
    }
    ::_exit(code);
  }

  milliseconds next_wakeup() const {
    milliseconds wait = kTick;
    const auto now = Clock::now();
    for (const auto& [due, role] : pending_) {
      wait = std::min(wait, std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(due - now)));
    }
    return wait;
  }

  void wait_for_signals(milliseconds timeout) {
    // ondemand with no worker to take it: a connection arriving wakes the loop, which spawns one.
    std::vector<pollfd> fds = {{g_signal_pipe[0], POLLIN, 0},
                               {successor_ ? successor_->ready_fd : -1, POLLIN, 0},
                               {watch_listener_ ? options_.listen_fd : -1, POLLIN, 0}};
    status_.poll_fds(fds);
    const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(timeout.count()));
    // Its deadlines are checked on every turn, woken or not.
    status_.serve(std::span<const pollfd>(fds).subspan(3));
    if (ready <= 0) return;
    if (fds[1].revents != 0) on_successor_news();
    unsigned char signals[64];
    ssize_t n;
    while ((n = ::read(g_signal_pipe[0], signals, sizeof signals)) > 0) {
      for (ssize_t i = 0; i < n; ++i) on_signal(signals[i]);
    }
  }

  void on_signal(int signo) {
    switch (signo) {
      case SIGTERM:
      case SIGINT:
        if (!stopping_) log_info({}, std::string(strsignal(signo)) + ": stopping");
        stopping_ = true;
        break;
      case SIGQUIT:
        if (!stopping_) log_info({}, "SIGQUIT: graceful stop, the children finish their requests");
        stopping_ = true;
        break;
      case SIGHUP:
        if (stopping_) break;
        notifier_.reloading();
        if (options_.reload) {
          options_.reload();
          process_manager_.set_limits(options_.pm);
        }
        start_reload();
        break;
      case SIGUSR1:
        reopen_log_file();
        log_info({}, "SIGUSR1: log file reopened, in the children too");
        for (const auto& [pid, child] : children_) ::kill(pid, SIGUSR1);
        break;
      case SIGUSR2:
        if (!stopping_) start_upgrade();
        break;
      default:
        break;  // SIGCHLD: reap() follows every wake-up
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
    if (found == children_.end()) return;  // a new binary that gave up, or left after its predecessor
    const Child child = found->second;
    children_.erase(found);
    const auto last_view = scoreboard_.read(child.slot);
    scoreboard_.release(child.slot);
    if (pid == retiring_) retiring_ = 0;
    const std::string& name = roles_[child.role].name;
    if (child.retiring || stopping_) return;
    if (last_view && last_view->recycling) {
      // It left to be recycled before a turn of the loop saw its mark: not a crash, replaced at once.
      log_info({}, name + " " + std::to_string(pid) + " recycled: its replacement starts now");
      pending_.emplace_back(Clock::now(), child.role);
      return;
    }

    const std::string how = WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                                                : "exited with " + std::to_string(WEXITSTATUS(status));
    // A child that dies within a second of its start is crashing: back off, doubling, up to 10 s.
    const bool quick = Clock::now() - child.started < milliseconds(1000);
    int& deaths = quick_deaths_[child.role];
    deaths = quick ? deaths + 1 : 0;
    const milliseconds delay =
        deaths <= 1 ? milliseconds(0) : std::min(milliseconds(10'000), milliseconds(250L << std::min(deaths - 2, 6)));
    // A worker that died in a request names it (and its id leads the line), so the client's failed answer can
    // be traced to this line.
    const bool busy = last_view && last_view->state == SlotState::kBusy;
    const std::string during =
        busy ? std::string(" while serving ") + last_view->current.method + " " + last_view->current.path
             : std::string();
    log_error(busy ? std::string_view(last_view->current.request_id) : std::string_view(),
              name + " " + std::to_string(pid) + " " + how + during + "; respawning in " +
                  std::to_string(delay.count()) + " ms");
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

  static void kill_by(Child& child, Clock::time_point when) {
    child.kill_at = child.kill_at ? std::min(*child.kill_at, when) : when;
  }

  /// A worker busy on one request past the deadline is asked to stop, killed after the grace, and replaced
  /// at once: not a crash, so no back-off.
  void enforce_request_deadlines() {
    const auto now = Clock::now();
    std::vector<std::size_t> replace;
    for (auto& [pid, child] : children_) {
      if (child.timed_out || !roles_[child.role].serves_requests) continue;
      const auto view = scoreboard_.read(child.slot);
      if (!view || view->state != SlotState::kBusy) continue;
      const auto elapsed = now - view->current.started;
      // nginx's fastcgi_read_timeout is the same deadline: it answers the client 504 first.
      if (elapsed < options_.request_timeout + kAfterNginx) continue;
      child.timed_out = true;
      log_error(view->current.request_id,
                "worker " + std::to_string(pid) + " busy on " + view->current.method + " " + view->current.path +
                    " for " + std::to_string(millis(elapsed)) + " ms, past SHOP_REQUEST_TIMEOUT_SECONDS (" +
                    std::to_string(options_.request_timeout.count()) + " s): SIGTERM, SIGKILL after " +
                    std::to_string(options_.kill_grace.count()) + " ms; replacing it");
      ::kill(pid, SIGTERM);
      kill_by(child, now + options_.kill_grace);
      if (!child.retiring) {
        child.retiring = true;
        replace.push_back(child.role);
      }
    }
    for (const std::size_t role : replace) spawn(role);
  }

  void enforce_kill_deadlines() {
    const auto now = Clock::now();
    for (auto& [pid, child] : children_) {
      if (!child.kill_at || *child.kill_at > now) continue;
      log_error({}, roles_[child.role].name + " " + std::to_string(pid) + " did not leave in time: SIGKILL");
      ::kill(pid, SIGKILL);
      child.kill_at.reset();
    }
  }

  /// A worker asked to leave by the process manager finishes what it holds; killed only past the time a
  /// request may take, so that leaving never fails one.
  void ask_to_leave(pid_t pid, Child& child, const std::string& why) {
    log_info({}, roles_[child.role].name + " " + std::to_string(pid) + " " + why);
    child.retiring = true;
    kill_by(child, Clock::now() + options_.request_timeout + options_.stop_timeout);
    ::kill(pid, SIGTERM);
  }

  /// The process manager's turn: a worker that marked itself recycling is replaced now (before it is gone,
  /// not a crash), then the manager spawns and retires workers by SHOP_PM (process_manager.hpp).
  void manage_workers() {
    if (stopping_ || !managed_role_) return;
    const std::size_t role = *managed_role_;
    int recycled = 0;
    for (auto& [pid, child] : children_) {
      if (child.role != role || child.retiring) continue;
      const auto view = scoreboard_.read(child.slot);
      if (!view || !view->recycling) continue;
      ask_to_leave(pid, child, "recycling: its replacement starts now");
      ++recycled;
    }
    for (int i = 0; i < recycled; ++i) spawn(role);

    std::vector<ProcessManager::Observed> workers;
    for (const auto& [pid, child] : children_) {
      if (child.role != role || child.retiring) continue;
      const auto view = scoreboard_.read(child.slot);
      workers.push_back({pid, view ? view->state : SlotState::kStarting, view ? view->served : 0});
    }
    for (const auto& [due, pending_role] : pending_) {
      if (pending_role == role) workers.push_back({0, SlotState::kStarting, 0});
    }
    pollfd listener{options_.listen_fd, POLLIN, 0};
    const bool waiting = options_.pm.mode == PmMode::kOndemand && listener.fd >= 0 && ::poll(&listener, 1, 0) > 0;
    const PmDecision decision = process_manager_.step(workers, waiting, Clock::now());
    if (process_manager_.just_reached_max_children()) {
      log_error({}, "SHOP_PM_MAX_CHILDREN (" + std::to_string(options_.pm.max_children) +
                        ") reached: a worker was wanted and none started; consider raising it");
    }
    for (int i = 0; i < decision.spawn; ++i) spawn(role);
    for (const pid_t pid : decision.retire) {
      const auto found = children_.find(pid);
      if (found != children_.end())
        ask_to_leave(pid, found->second, std::string("idle: retired (SHOP_PM=") + to_string(options_.pm.mode) + ")");
    }
    watch_listener_ = decision.watch_listener;
  }

  void start_reload() {
    log_info({}, "reload: replacing children one by one");
    reload_queue_.clear();
    for (const auto& [pid, child] : children_) {
      if (!child.retiring) reload_queue_.push_back(pid);
    }
    apply_role_counts();
  }

  /// A reload that changed a role's count: the missing children start at once, the surplus leave (finishing
  /// their request) without a successor.
  void apply_role_counts() {
    for (std::size_t role = 0; role < roles_.size(); ++role) {
      // A dynamic or ondemand pool's process manager sizes it on its next turn, from its new limits.
      if (role == managed_role_ && options_.pm.mode != PmMode::kStatic) continue;
      std::vector<pid_t> live;
      for (const auto& [pid, child] : children_) {
        if (child.role == role && !child.retiring) live.push_back(pid);
      }
      const auto waiting =
          std::count_if(pending_.begin(), pending_.end(), [&](const auto& p) { return p.second == role; });
      for (auto n = static_cast<long>(live.size()) + waiting; n < roles_[role].count; ++n) spawn(role);
      for (auto n = static_cast<long>(live.size()); n > roles_[role].count && !live.empty(); --n) {
        const pid_t pid = live.back();
        live.pop_back();
        Child& child = children_.at(pid);
        child.retiring = true;
        kill_by(child, Clock::now() + options_.stop_timeout);
        ::kill(pid, SIGTERM);
        std::erase(reload_queue_, pid);
      }
    }
  }

  /// Replaces one child at a time: its successor is forked first, then it is asked to finish and leave,
  /// killed when it has not within the stop timeout.
  void step_reload() {
    while (retiring_ == 0 && !reload_queue_.empty()) {
      const pid_t pid = reload_queue_.front();
      reload_queue_.pop_front();
      const auto found = children_.find(pid);
      if (found == children_.end() || found->second.retiring) continue;
      spawn(found->second.role);
      found->second.retiring = true;
      kill_by(found->second, Clock::now() + options_.stop_timeout);
      retiring_ = pid;
      ::kill(pid, SIGTERM);
    }
  }

  void start_upgrade() {
    if (successor_) {
      log_info({}, "SIGUSR2: a new binary is already starting (pid " + std::to_string(successor_->pid) + ")");
      return;
    }
    if (ready_fd_ >= 0) {
      log_info({}, "SIGUSR2 ignored: this master is itself not ready yet");
      return;
    }
    successor_ = start_successor(options_.upgrade);
    if (!successor_) return;
    successor_deadline_ = Clock::now() + kUpgradeTimeout;
    log_info({}, "SIGUSR2: started " + options_.upgrade.executable + " as pid " + std::to_string(successor_->pid) +
                     "; stopping once its workers are ready");
  }

  void on_successor_news() {
    char byte = 0;
    const ssize_t n = ::read(successor_->ready_fd, &byte, 1);
    if (n < 0 && errno == EINTR) return;
    const pid_t pid = successor_->pid;
    ::close(successor_->ready_fd);
    successor_.reset();
    if (n == 1) {
      log_info({}, "the new master " + std::to_string(pid) + " is ready: graceful stop");
      notifier_.hand_over(pid);
      stopping_ = true;
    } else {
      log_error({}, "the new master " + std::to_string(pid) + " failed to start; serving on");
    }
  }

  void give_up_slow_successor() {
    if (!successor_ || Clock::now() < successor_deadline_) return;
    log_error({}, "the new master " + std::to_string(successor_->pid) + " was not ready within " +
                      std::to_string(kUpgradeTimeout.count()) + " ms: SIGTERM to it; serving on");
    ::kill(successor_->pid, SIGTERM);
    ::close(successor_->ready_fd);
    successor_.reset();
  }

  /// A master started by SIGUSR2: once every worker has started, it names itself in the pid file and tells
  /// the old master, which then stops.
  void report_ready_when_ready() {
    if (ready_fd_ < 0 || !workers_ready()) return;
    options_.pid_file.write(::getpid());
    report_ready(std::exchange(ready_fd_, -1));
    notifier_.activate();
    log_info({}, "workers ready; told the old master to stop");
  }

  /// Every role that serves requests has its count of children past kStarting (retiring ones aside).
  bool workers_ready() const {
    for (std::size_t role = 0; role < roles_.size(); ++role) {
      if (!roles_[role].serves_requests) continue;
      int ready = 0;
      for (const auto& [pid, child] : children_) {
        if (child.role != role || child.retiring) continue;
        const auto view = scoreboard_.read(child.slot);
        if (view && view->pid == pid && view->state != SlotState::kStarting) ++ready;
      }
      if (ready < roles_[role].count) return false;
    }
    return true;
  }

  /// systemd's view (systemd_notify.hpp): ready once every worker is, and no reload is under way.
  void notify_systemd() {
    WorkerCounts counts;
    for (const auto& [pid, child] : children_) {
      if (!roles_[child.role].serves_requests) continue;
      const auto view = scoreboard_.read(child.slot);
      if (!view || view->pid != pid) continue;
      counts.served += view->served;
      if (view->state == SlotState::kIdle) ++counts.idle;
      if (view->state == SlotState::kReading || view->state == SlotState::kBusy) ++counts.busy;
      if (view->state == SlotState::kStarting) ++counts.starting;
    }
    notifier_.update(counts, reload_queue_.empty() && retiring_ == 0 && workers_ready());
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
  Scoreboard scoreboard_;
  std::deque<pid_t> reload_queue_;
  pid_t retiring_ = 0;
  bool stopping_ = false;
  int ready_fd_;                        ///< until ready, when started by SIGUSR2
  std::optional<Successor> successor_;  ///< a new binary started by SIGUSR2, not ready yet
  Clock::time_point successor_deadline_;
  /// Spawns and retires the role that serves requests; max_children_reached() is the status page's count.
  ProcessManager process_manager_;
  std::optional<std::size_t> managed_role_;  ///< the role that serves requests
  bool watch_listener_ = false;              ///< ondemand with no worker to take a connection
  PoolWatch watch_;
  StatusServer status_;
  SystemdNotifier notifier_;
};

}  // namespace

int run_master(const MasterOptions& options, const std::vector<ChildRole>& roles) {
  install_master_signals();
  return Master(options, roles).run();
}

}  // namespace shop::fcgi
