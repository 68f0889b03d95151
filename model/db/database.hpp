#pragma once

#include <soci/soci.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace shop::model {

/// The database cannot be reached, or the connection broke: the client gets 503 and may retry.
class DatabaseUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One PostgreSQL connection (one per worker process, opened after fork) and its transactions.
class Database {
 public:
  /// Connects and sets the session time zone; throws DatabaseUnavailable when the server cannot be reached.
  Database(const std::string& conninfo, const std::string& time_zone);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  soci::session& sql() { return sql_; }

  /// True when the connection broke (also when the server hung up while it was idle, found without a round
  /// trip); the owner then drops this object and reconnects.
  bool connection_lost();

  /// A round trip that proves the database answers.
  void ping();

  /// Waits up to `timeout` for a notification on a channel this session LISTENs on; true when one arrived.
  /// Call it outside a transaction. Throws DatabaseUnavailable when the connection breaks.
  bool wait_for_notification(std::chrono::milliseconds timeout);

  /// Runs `work` in one transaction and commits it: every use case that writes. (Reads run as autocommit
  /// statements: under READ COMMITTED a transaction around them buys no consistency, only round trips.) A serialization
  /// failure or deadlock (40001, 40P01) rolls back and runs `work` again, a few times; anything else rolls back and
  /// propagates.
  template <class Work>
  decltype(auto) transact(Work&& work) {
    for (int attempt = 1;; ++attempt) {
      try {
        soci::transaction tx(sql_);
        if constexpr (std::is_void_v<std::invoke_result_t<Work&>>) {
          work();
          tx.commit();
          return;
        } else {
          auto result = work();
          tx.commit();
          return result;
        }
      } catch (const soci::soci_error& e) {
        if (attempt >= kMaxAttempts || !is_transient(e)) throw;
      }
    }
  }

 private:
  static constexpr int kMaxAttempts = 4;
  static bool is_transient(const soci::soci_error& e);

  soci::session sql_;
};

/// True when an error means the connection is gone (SQLSTATE class 08, or the server shutting down).
bool is_connection_failure(const soci::soci_error& e);

}  // namespace shop::model
