#pragma once

#include <string>

namespace shop::model {

/// What the model needs from the environment (API.md "Operations").
struct Settings {
  std::string database_url;              ///< libpq connection string
  std::string database_read_url;         ///< a read standby for catalog reads; empty: everything on the primary
  int database_read_max_lag_ms = 5'000;  ///< a standby further behind than this is not read from
  std::string timezone = "Asia/Seoul";   ///< days of the ranking, and the offset of timestamps
  int order_ttl_seconds = 600;
  std::string data_platform_url;                ///< where the relay POSTs outbox events; empty: they wait
  int relay_max_attempts = 20;                  ///< then an event is FAILED, for an operator
  int session_ttl_seconds = 30 * 24 * 60 * 60;  ///< how long a sign-in's token works, unless revoked
  int db_statement_timeout_ms = 10'000;         ///< unless SHOP_DATABASE_URL sets statement_timeout itself
  int db_lock_timeout_ms = 2'000;               ///< unless SHOP_DATABASE_URL sets lock_timeout itself
};

}  // namespace shop::model
