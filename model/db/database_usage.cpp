#include "model/db/database_usage.hpp"

#include <utility>

namespace shop::model {
namespace {

DatabaseUsage g_usage;

}  // namespace

DatabaseUsage take_database_usage() noexcept {
  return std::exchange(g_usage, DatabaseUsage{});
}

void record_database_call(std::chrono::steady_clock::duration time, bool failed) noexcept {
  g_usage.time += std::chrono::duration_cast<std::chrono::microseconds>(time);
  ++g_usage.calls;
  if (failed) ++g_usage.errors;
}

}  // namespace shop::model
