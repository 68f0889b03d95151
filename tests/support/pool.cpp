#include "tests/support/pool.hpp"

#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "tests/support/env.hpp"

namespace shop::test {
namespace {

/// State and parent pid from /proc/PID/stat ("pid (comm) S ppid ..."; comm may hold spaces and parens).
bool read_stat(pid_t pid, char& state, pid_t& parent) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return false;
  const auto close = line.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream rest(line.substr(close + 1));
  long long ppid = 0;
  if (!(rest >> state >> ppid)) return false;
  parent = static_cast<pid_t>(ppid);
  return true;
}

/// The "socket:[inode]" links among the open files of `pid`.
std::set<std::string> sockets_of(pid_t pid) {
  std::set<std::string> sockets;
  const std::string dir = "/proc/" + std::to_string(pid) + "/fd";
  DIR* fds = ::opendir(dir.c_str());
  if (fds == nullptr) return sockets;
  while (const dirent* entry = ::readdir(fds)) {
    char target[256];
    const std::string link = dir + "/" + entry->d_name;
    const ssize_t n = ::readlink(link.c_str(), target, sizeof target - 1);
    if (n > 0 && std::string_view(target, static_cast<std::size_t>(n)).starts_with("socket:")) {
      sockets.emplace(target, static_cast<std::size_t>(n));
    }
  }
  ::closedir(fds);
  return sockets;
}

}  // namespace

std::vector<pid_t> worker_pids(pid_t master) {
  const auto master_sockets = sockets_of(master);
  std::vector<pid_t> workers;
  for (const pid_t child : children_of(master)) {
    const auto child_sockets = sockets_of(child);
    if (std::any_of(child_sockets.begin(), child_sockets.end(),
                    [&](const std::string& s) { return master_sockets.count(s) > 0; })) {
      workers.push_back(child);
    }
  }
  return workers;
}

pid_t pool_master_pid() {
  const std::string path = require_env("SHOP_TEST_POOL_PID_FILE");
  std::ifstream in(path);
  long long pid = 0;
  if (!(in >> pid) || pid <= 0) throw std::runtime_error("no pid in " + path);
  return static_cast<pid_t>(pid);
}

std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> children;
  DIR* dir = ::opendir("/proc");
  if (dir == nullptr) throw std::runtime_error("cannot open /proc");
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    const auto pid = static_cast<pid_t>(std::stol(name));
    char state = '?';
    pid_t ppid = 0;
    if (read_stat(pid, state, ppid) && ppid == parent && state != 'Z' && state != 'X') children.push_back(pid);
  }
  ::closedir(dir);
  std::sort(children.begin(), children.end());
  return children;
}

bool process_alive(pid_t pid) {
  char state = '?';
  pid_t ppid = 0;
  return read_stat(pid, state, ppid) && state != 'Z' && state != 'X';
}

bool wait_until(std::chrono::milliseconds limit, const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

bool kill_worker_and_wait_for_respawn(pid_t master, pid_t victim, std::chrono::milliseconds limit) {
  const std::size_t before = worker_pids(master).size();
  if (::kill(victim, SIGKILL) != 0) return false;
  return wait_until(limit, [&] {
    const auto now = worker_pids(master);
    return std::find(now.begin(), now.end(), victim) == now.end() && now.size() == before;
  });
}

int run_shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

PostgresControl::PostgresControl() : start_command_(require_env("SHOP_TEST_PG_START")) {}

PostgresControl::~PostgresControl() {
  if (stopped_) run_shell(start_command_);
}

bool PostgresControl::stop(const char* variable) {
  const std::string command = require_env(variable);
  // Counted as stopped even when the command failed half way: starting a running server is harmless.
  stopped_ = true;
  return run_shell(command) == 0;
}

bool PostgresControl::start() {
  const bool started = run_shell(start_command_) == 0;
  if (started) stopped_ = false;
  return started;
}

std::optional<std::string> wait_for_log_line(const std::string& needle, std::chrono::milliseconds limit) {
  const std::string path = require_env("SHOP_TEST_POOL_LOG");
  std::optional<std::string> found;
  wait_until(limit, [&] {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read the pool log " + path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.find(needle) != std::string::npos) {
        found = line;
        return true;
      }
    }
    return false;
  });
  return found;
}

}  // namespace shop::test
