#pragma once

#include <string>

#include "model/settings.hpp"

namespace shop::fcgi {

/// The body of a worker process: accepts FastCGI requests on the inherited `listen_fd` and serves them
/// until SIGTERM, finishing the request in hand first. Returns the process's exit code.
int run_worker_process(int listen_fd, const model::Settings& settings, const std::string& admin_token);

}  // namespace shop::fcgi
