#include "model/db/database.hpp"

#include <poll.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "model/db/database_usage.hpp"
#include "model/db/sqlstate.hpp"
#include "sql/queries.hpp"

namespace shop::model {
namespace {

constexpr int kMaxAttempts = 4;
// Past the server's statement timeout: a server that still answers cancels the statement first (a 503
// that keeps the connection), so the client's deadline fires only on one that does not answer at all.
constexpr std::chrono::milliseconds kClientMargin{2'000};

std::string sqlstate_of(const soci::soci_error& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) return pg->sqlstate();
  return {};
}

// Every session here is opened with the PostgreSQL factory; SOCI exports no typeinfo for dynamic_cast.
PGconn* connection_of(soci::session& sql) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  return backend == nullptr ? nullptr : backend->conn_;
}

/// Adds a call's time to the process's database usage when it ends, however it ends.
class CallTimer {
 public:
  CallTimer() = default;
  CallTimer(const CallTimer&) = delete;
  CallTimer& operator=(const CallTimer&) = delete;
  ~CallTimer() { record_database_call(std::chrono::steady_clock::now() - started_, failed_); }
  void failed() noexcept { failed_ = true; }

 private:
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  bool failed_ = false;
};

}  // namespace

Database::Database(const std::string& conninfo, const std::string& time_zone, const DatabaseDeadlines& deadlines)
    : sql_(std::make_unique<soci::session>()) {
  const ConnectionOptions options = with_deadlines(conninfo, deadlines);
  try {
    CallTimer timer;
    try {
      sql_->open(*soci::factory_postgresql(), options.conninfo);
    } catch (const soci::soci_error&) {
      timer.failed();
      throw;
    }
  } catch (const soci::soci_error& e) {
    throw DatabaseUnavailable(e.what());
  }
  // A statement timeout of 0 (the URL's own choice) means no limit, on this side too.
  const auto limit =
      options.statement_timeout.count() > 0 ? options.statement_timeout + kClientMargin : std::chrono::milliseconds(0);
  deadline_ = std::make_unique<ClientDeadline>(PQsocket(connection_of(*sql_)), limit);
  std::string zone = time_zone;
  autocommit([&] { *sql_ << sql::kDbSetTimeZone, soci::use(zone); });
}

Database::~Database() = default;

bool Database::connection_lost() {
  PGconn* conn = connection_of(*sql_);
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) return true;
  // An idle connection that listens for nothing has nothing to read, unless the server is ending it (a
  // restart or pg_terminate_backend sends FATAL 57P01, then hangs up): a poll() that costs no round trip finds
  // that before a request fails on it. Reading what came would not do: libpq takes the FATAL message for
  // data and reports the connection fine until the hang-up is read too.
  pollfd fd{PQsocket(conn), POLLIN, 0};
  return ::poll(&fd, 1, 0) != 0;
}

void Database::ping() {
  autocommit([&] {
    int one = 0;
    *sql_ << sql::kDbPing, soci::into(one);
  });
}

bool Database::wait_for_notification(std::chrono::milliseconds timeout) {
  PGconn* conn = connection_of(*sql_);
  const auto drain = [conn] {
    bool any = false;
    while (PGnotify* note = PQnotifies(conn)) {
      PQfreemem(note);
      any = true;
    }
    return any;
  };
  if (PQconsumeInput(conn) == 0) throw DatabaseUnavailable(PQerrorMessage(conn));
  if (drain()) return true;
  pollfd fd{PQsocket(conn), POLLIN, 0};
  if (fd.fd < 0) throw DatabaseUnavailable("no connection");
  if (::poll(&fd, 1, static_cast<int>(timeout.count())) <= 0) return false;
  if (PQconsumeInput(conn) == 0) throw DatabaseUnavailable(PQerrorMessage(conn));
  return drain();
}

void Database::execute(FunctionRef<void()> work, Mode mode) {
  // Work inside a transaction that is already open joins it: the outermost call commits, retries and turns
  // errors into the model's, so that a use case can run inside a wider one (an idempotency key's).
  if (in_transaction_) return work();
  // Outermost calls only: a nested call's time is inside this one's.
  CallTimer timer;
  for (int attempt = 1;; ++attempt) {
    // Each attempt has the whole deadline; a call nested in this one (autocommit inside autocommit) joins it.
    const ClientDeadline::Armed armed(*deadline_);
    try {
      if (mode == Mode::kAutocommit) {
        work();
      } else {
        soci::transaction tx(*sql_);
        in_transaction_ = true;
        const struct Closed {
          bool& flag;
          ~Closed() { flag = false; }
        } closed{in_transaction_};
        work();
        tx.commit();
      }
      return;
    } catch (const soci::soci_error& e) {
      const Failure failure = classify_sqlstate(sqlstate_of(e));
      if (!armed.expired() && mode == Mode::kTransaction && attempt < kMaxAttempts && failure == Failure::kTransient) {
        continue;
      }
      timer.failed();
      if (armed.expired()) {
        throw DatabaseUnavailable("no answer within " + std::to_string(deadline_->limit().count()) +
                                  " ms, connection cut: " + e.what());
      }
      // A lost connection often comes without a SQLSTATE ("server closed the connection unexpectedly").
      if (failure == Failure::kUnavailable || connection_lost()) throw DatabaseUnavailable(e.what());
      if (failure == Failure::kTimeout) throw DatabaseTimeout(e.what());
      throw DatabaseError(e.what());
    }
  }
}

}  // namespace shop::model
