#pragma once

#include <chrono>
#include <string>

#include "model/settings.hpp"

namespace shop::model {

/// How long anything may wait on the database. The defaults notice a dead server or network within seconds
/// and stay far above what a healthy request takes.
struct DatabaseDeadlines {
  std::chrono::seconds connect_timeout{3};
  std::chrono::milliseconds statement_timeout{10'000};
  std::chrono::milliseconds lock_timeout{2'000};
  std::chrono::milliseconds idle_in_transaction_timeout{15'000};
  // A peer that vanished (no RST, e.g. a cut network) is noticed by TCP only with these.
  std::chrono::seconds keepalives_idle{5};
  std::chrono::seconds keepalives_interval{2};
  int keepalives_count = 3;
  std::chrono::milliseconds tcp_user_timeout{10'000};
};

/// The defaults, with the lock and statement timeouts of the settings.
DatabaseDeadlines database_deadlines(const Settings& settings);

/// A connection string ready to connect with, and the statement timeout it puts in effect.
struct ConnectionOptions {
  std::string conninfo;
  /// The URL's own statement_timeout when it sets one, else the deadlines'; zero when there is none.
  std::chrono::milliseconds statement_timeout{0};
};

/// `conninfo` (a libpq URL or key=value string) rebuilt as key=value with every deadline it does not set
/// itself: connect_timeout, TCP keepalives and tcp_user_timeout as libpq parameters, and statement_timeout,
/// lock_timeout and idle_in_transaction_session_timeout as `-c name=value` appended to its `options`. What
/// the string (or PGCONNECT_TIMEOUT / PGOPTIONS, which libpq would read) sets wins. A string libpq cannot
/// parse is returned as it is, for the connection to report its error.
ConnectionOptions with_deadlines(const std::string& conninfo, const DatabaseDeadlines& deadlines);

}  // namespace shop::model
