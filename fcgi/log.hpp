#pragma once

#include <string>
#include <string_view>

namespace shop::fcgi {

/// One line to stderr: time, pid, level, request id, message. Each write holds whole lines and at most
/// PIPE_BUF bytes, so lines of the pool's processes never interleave, in a file or in a pipe to journald.
void log_info(std::string_view request_id, std::string_view message);
/// Written at once, with any buffered lines before it.
void log_error(std::string_view request_id, std::string_view message);

/// From now on this process keeps INFO lines in memory and writes them together: when PIPE_BUF bytes are
/// waiting, when the oldest is a second old, at flush_log() (a worker calls it whenever it is about to sleep,
/// and before it exits) and with the next ERROR line. One write per request costs a system call each;
/// a crash loses at most the lines of its last second.
void buffer_log_lines();
void flush_log() noexcept;

/// Sends stdout and stderr to `path` (SHOP_LOG_FILE), opened for appending; throws std::runtime_error.
void open_log_file(const std::string& path);
/// Opens the log file again and puts it over stdout and stderr, so that after a rotation (the file renamed)
/// new lines go to a new file. Does nothing without a log file. Async-signal-safe: children call it from
/// their SIGUSR1 handler.
void reopen_log_file() noexcept;

}  // namespace shop::fcgi
