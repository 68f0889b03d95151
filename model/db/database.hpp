#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include "model/db/client_deadline.hpp"
#include "model/db/connection_options.hpp"
#include "model/db/database_error.hpp"
#include "model/db/function_ref.hpp"

namespace soci {
class session;
}

namespace shop::model {

/// One PostgreSQL connection (one per worker process, opened after fork) and the one place where the
/// database library's errors become the model's (DatabaseUnavailable, DatabaseTimeout, DatabaseError).
/// Every facade runs its statements through `transact` or `autocommit`, so nothing above the model ever
/// sees the library.
class Database {
 public:
  /// Connects with `deadlines` (those `conninfo` does not set itself, see with_deadlines) and sets the
  /// session time zone; throws DatabaseUnavailable when the server cannot be reached within connect_timeout.
  /// Every call through transact, autocommit and ping is then bounded on the client side too: past the
  /// statement timeout plus a margin without an answer, the connection is cut and the call throws
  /// DatabaseUnavailable.
  Database(const std::string& conninfo, const std::string& time_zone, const DatabaseDeadlines& deadlines = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// The session the repositories prepare their statements on (model internals only).
  soci::session& sql() { return *sql_; }

  /// Bounds round trips made on sql() outside transact and autocommit (the statements the repositories
  /// prepare as they are built) by the client deadline, while the guard lives.
  [[nodiscard]] ClientDeadline::Armed bounded() { return ClientDeadline::Armed(*deadline_); }

  /// True when the connection broke (also when the server hung up while it was idle, found without a round
  /// trip); the owner then drops this object and reconnects.
  bool connection_lost();

  /// True inside transact (also inside autocommit work nested in it): statements then run on this connection.
  bool in_transaction() const noexcept { return in_transaction_; }

  /// A round trip that proves the database answers.
  void ping();

  /// Waits up to `timeout` for a notification on a channel this session LISTENs on; true when one arrived.
  /// Call it outside a transaction. Throws DatabaseUnavailable when the connection breaks.
  bool wait_for_notification(std::chrono::milliseconds timeout);

  /// Runs `work` in one transaction and commits it: every use case that writes. A serialization failure or
  /// deadlock (40001, 40P01) rolls back and runs `work` again, a few times; anything else rolls back and
  /// propagates (database errors as the model's). Inside a transaction already open, `work` joins it.
  template <class Work>
  std::invoke_result_t<Work&> transact(Work&& work) {
    return run(work, Mode::kTransaction);
  }

  /// Runs `work` as it is, each statement its own autocommit transaction: reads (under READ COMMITTED a
  /// transaction around them buys no consistency, only round trips) and single-statement writes. Inside a
  /// transaction already open, `work` joins it.
  template <class Work>
  std::invoke_result_t<Work&> autocommit(Work&& work) {
    return run(work, Mode::kAutocommit);
  }

 private:
  enum class Mode { kTransaction, kAutocommit };

  template <class Work>
  std::invoke_result_t<Work&> run(Work& work, Mode mode) {
    using Result = std::invoke_result_t<Work&>;
    if constexpr (std::is_void_v<Result>) {
      execute(work, mode);
    } else {
      std::optional<Result> result;
      execute([&] { result.emplace(work()); }, mode);
      return *std::move(result);
    }
  }

  void execute(FunctionRef<void()> work, Mode mode);

  std::unique_ptr<soci::session> sql_;
  // Declared after the session: its timer goes first.
  std::unique_ptr<ClientDeadline> deadline_;
  bool in_transaction_ = false;
};

}  // namespace shop::model
