#pragma once

#include <string>
#include <string_view>

namespace shop::fcgi {

/// One line to stderr: time, pid, level, request id, message. stderr is unbuffered and each line is
/// written by one call, so lines of the pool's processes never interleave.
void log_info(std::string_view request_id, std::string_view message);
void log_error(std::string_view request_id, std::string_view message);

/// Sends stdout and stderr to `path` (SHOP_LOG_FILE), opened for appending; throws std::runtime_error.
void open_log_file(const std::string& path);
/// Opens the log file again and puts it over stdout and stderr, so that after a rotation (the file renamed)
/// new lines go to a new file. Does nothing without a log file. Async-signal-safe: children call it from
/// their SIGUSR1 handler.
void reopen_log_file() noexcept;

}  // namespace shop::fcgi
