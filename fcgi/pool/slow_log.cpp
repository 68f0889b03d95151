#include "fcgi/pool/slow_log.hpp"

#include <algorithm>
#include <cstdio>

namespace shop::fcgi {
namespace {

std::string millis(std::chrono::microseconds time) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", static_cast<double>(time.count()) / 1000.0);
  return text;
}

}  // namespace

std::string slow_request_line(std::string_view method, std::string_view path, int status,
                              std::chrono::microseconds total, const model::DatabaseUsage& database) {
  const std::chrono::microseconds pool = std::max(std::chrono::microseconds(0), total - database.time);
  std::string line = "slow request: ";
  line.append(method).append(" ").append(path).append(" ").append(std::to_string(status));
  line.append(" took ").append(millis(total)).append(" ms: database ").append(millis(database.time));
  line.append(" ms in ").append(std::to_string(database.calls)).append(" calls");
  if (database.errors > 0) line.append(" (").append(std::to_string(database.errors)).append(" failed)");
  line.append(", pool ").append(millis(pool)).append(" ms");
  return line;
}

}  // namespace shop::fcgi
