#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace shop::test {

/// The pool master's pid, from SHOP_TEST_POOL_PID_FILE.
pid_t pool_master_pid();

/// Live (not zombie) children of `parent`, sorted, found through /proc/*/stat (this kernel has no
/// /proc/PID/task/TID/children).
std::vector<pid_t> children_of(pid_t parent);

/// The pool's workers: the live children of `master` that hold the FastCGI listening socket the master opened
/// (the pool's background children, relay and sweeper, close it). Sorted.
std::vector<pid_t> worker_pids(pid_t master);

/// True when `pid` exists and is not a zombie.
bool process_alive(pid_t pid);

/// Polls `condition` every 50 ms until it holds or `limit` passes; its last value. A bound, not a speed
/// requirement: tests give it generous limits.
bool wait_until(std::chrono::milliseconds limit, const std::function<bool()>& condition);

/// The first line of the pool log (SHOP_TEST_POOL_LOG) containing `needle`, waiting up to `limit` for it
/// (a worker writes its line after the answer has gone).
std::optional<std::string> wait_for_log_line(const std::string& needle, std::chrono::milliseconds limit);

}  // namespace shop::test
