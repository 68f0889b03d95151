#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "model/db/database_usage.hpp"

namespace shop::fcgi {

/// A request slower than SHOP_SLOW_REQUEST_MS, as the log shows it (php-fpm's slowlog, with the phase instead
/// of a stack): method, path, status, its whole duration, and where that time went: inside the database's
/// calls (waiting for PostgreSQL, its locks, or the client deadline) or in the pool (reading the request,
/// the handler's own work, writing the answer, and any wait outside the database).
std::string slow_request_line(std::string_view method, std::string_view path, int status,
                              std::chrono::microseconds total, const model::DatabaseUsage& database);

}  // namespace shop::fcgi
