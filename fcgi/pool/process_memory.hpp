#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>

namespace shop::fcgi {

/// The resident memory of process `pid` in bytes, from /proc/PID/statm; nullopt when it is gone. Read by the
/// master when it reports, rather than written by each child after each request: it costs the request path
/// nothing, and it is current even for a worker stuck inside a long request, the one whose memory matters.
std::optional<std::uint64_t> resident_bytes(pid_t pid);

}  // namespace shop::fcgi
