#pragma once

#include <chrono>
#include <string>

#include "fcgi/pool/recycling.hpp"
#include "model/settings.hpp"

namespace shop::fcgi {

/// The body of a worker process: accepts FastCGI requests on the inherited `listen_fd` and serves them
/// until SIGTERM, finishing the request in hand first, or until `recycle` says it has served its time (then it
/// marks its scoreboard slot recycling and leaves the same way). A request that takes `slow_request` or longer
/// (0: none) is logged with where its time went (slow_log.hpp) and counted on the scoreboard. Returns the
/// process's exit code.
int run_worker_process(int listen_fd, const model::Settings& settings, const std::string& admin_token,
                       const RecycleLimits& recycle, std::chrono::milliseconds slow_request);

}  // namespace shop::fcgi
