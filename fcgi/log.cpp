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

// Lines a buffering process has not written yet (buffer_log_lines), and when the first of them was made.
bool g_buffering = false;
std::string g_buffer;
std::chrono::steady_clock::time_point g_buffered_since;
constexpr std::size_t kMaxWrite = PIPE_BUF;
constexpr std::chrono::seconds kMaxAge{1};

void write_out(std::string_view text) noexcept {
  while (!text.empty()) {
    const ssize_t n = ::write(STDERR_FILENO, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // nowhere to say it
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

void put_line(const std::string& line, bool at_once) {
  if (!g_buffering) {
    write_out(line);
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (g_buffer.size() + line.size() > kMaxWrite) flush_log();
  if (g_buffer.empty()) g_buffered_since = now;
  g_buffer.append(line);
  if (at_once || now - g_buffered_since >= kMaxAge) flush_log();
}

/// "2026-12-01T02:03:04", made once per second: strftime and the time zone lookup cost more than the rest of
/// a request's line.
std::string_view stamp_of(std::time_t seconds) {
  thread_local std::time_t made_for = -1;
  thread_local char stamp[32];
  thread_local std::size_t length = 0;
  if (seconds != made_for) {
    std::tm local{};
    localtime_r(&seconds, &local);
    length = std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &local);
    made_for = seconds;
  }
  return {stamp, length};
}

void write_line(std::string_view level, std::string_view request_id, std::string_view message, bool at_once) {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::string line;
  line.reserve(64 + request_id.size() + message.size());
  line.append(stamp_of(seconds));
  const char fraction[] = {'.', static_cast<char>('0' + millis / 100), static_cast<char>('0' + millis / 10 % 10),
                           static_cast<char>('0' + millis % 10)};
  line.append(fraction, sizeof fraction).append(" pid=").append(std::to_string(current_pid())).append(" ");
  line.append(level).append(" rid=").append(request_id.empty() ? "-" : request_id).append(" ");
  line.append(message).append("\n");
  put_line(line, at_once);
}

}  // namespace

void log_info(std::string_view request_id, std::string_view message) {
  write_line("INFO", request_id, message, false);
}

void log_error(std::string_view request_id, std::string_view message) {
  write_line("ERROR", request_id, message, true);
}

void buffer_log_lines() {
  g_buffer.reserve(kMaxWrite);
  g_buffering = true;
}

void flush_log() noexcept {
  if (g_buffer.empty()) return;
  write_out(g_buffer);
  g_buffer.clear();
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
