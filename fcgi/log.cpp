#include "fcgi/log.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <string>

namespace shop::fcgi {
namespace {

pid_t g_pid = 0;
// Kept in plain memory for reopen_log_file, which a signal handler calls: no allocation there.
char g_log_path[PATH_MAX] = {};

bool put_log_file_over_output() noexcept {
  const int fd = ::open(g_log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return false;
  ::dup2(fd, STDOUT_FILENO);
  ::dup2(fd, STDERR_FILENO);
  ::close(fd);
  return true;
}

/// getpid() is a system call on every line; the pid changes only across fork(), whose child handler resets it.
pid_t current_pid() {
  static const bool registered = [] { return pthread_atfork(nullptr, nullptr, [] { g_pid = 0; }) == 0; }();
  if (!registered || g_pid == 0) g_pid = getpid();
  return g_pid;
}

void write_line(std::string_view level, std::string_view request_id, std::string_view message) {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm local{};
  localtime_r(&seconds, &local);
  char stamp[32];
  const std::size_t stamp_length = std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &local);
  std::string line;
  line.reserve(64 + request_id.size() + message.size());
  line.append(stamp, stamp_length);
  char tail[48];
  const int tail_length = std::snprintf(tail, sizeof tail, ".%03d pid=%d ", static_cast<int>(millis), current_pid());
  line.append(tail, static_cast<std::size_t>(tail_length));
  line.append(level).append(" rid=").append(request_id.empty() ? "-" : request_id).append(" ");
  line.append(message).append("\n");
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace

void log_info(std::string_view request_id, std::string_view message) {
  write_line("INFO", request_id, message);
}

void log_error(std::string_view request_id, std::string_view message) {
  write_line("ERROR", request_id, message);
}

void open_log_file(const std::string& path) {
  if (path.size() >= sizeof g_log_path) throw std::runtime_error("SHOP_LOG_FILE is too long: " + path);
  std::memcpy(g_log_path, path.c_str(), path.size() + 1);
  if (!put_log_file_over_output()) {
    const int error = errno;
    g_log_path[0] = '\0';
    throw std::runtime_error("cannot open SHOP_LOG_FILE " + path + ": " + std::strerror(error));
  }
}

void reopen_log_file() noexcept {
  if (g_log_path[0] == '\0') return;
  const int saved_errno = errno;
  if (!put_log_file_over_output()) {
    // Keep writing where we did; say so there.
    static const char kFailed[] = "shop: cannot reopen SHOP_LOG_FILE; logging on to the old file\n";
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, kFailed, sizeof kFailed - 1);
  }
  errno = saved_errno;
}

}  // namespace shop::fcgi
