#pragma once

#include <string_view>

namespace shop::fcgi {

/// One line to stderr: time, pid, level, request id, message. stderr is unbuffered and each line is
/// written by one call, so lines of the pool's processes never interleave.
void log_info(std::string_view request_id, std::string_view message);
void log_error(std::string_view request_id, std::string_view message);

}  // namespace shop::fcgi
