#pragma once

#include <chrono>

namespace shop::fcgi {

/// SIGTERM/SIGINT handling for a background process of the pool: the signal sets a flag and cuts short a
/// pause, so the process stops between two units of work.
void install_stop_handlers();
bool stop_requested() noexcept;
/// Sleeps up to `duration`, returning early when a stop is requested.
void pause_for(std::chrono::milliseconds duration);

}  // namespace shop::fcgi
