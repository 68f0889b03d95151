#pragma once

#include <chrono>
#include <cstdint>

namespace shop::model {

/// What this process's database calls cost since it last asked: the time spent inside transact, autocommit and
/// connecting (waiting for PostgreSQL, or for the client deadline), how many calls, and how many ended in a
/// DatabaseError. Kept per process (one connection per process), so that the front can split a request's time
/// between the database and itself without knowing the database library.
struct DatabaseUsage {
  std::chrono::microseconds time{0};
  std::int64_t calls = 0;
  std::int64_t errors = 0;
};

/// The usage since the last call, which starts a new count.
DatabaseUsage take_database_usage() noexcept;

/// model/db's side: one outermost call took `time`, and `failed` says whether it threw a DatabaseError.
void record_database_call(std::chrono::steady_clock::duration time, bool failed) noexcept;

}  // namespace shop::model
