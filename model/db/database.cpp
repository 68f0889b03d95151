#include "model/db/database.hpp"

#include <poll.h>
#include <soci/postgresql/soci-postgresql.h>

#include <string_view>

#include "sql/queries.hpp"

namespace shop::model {
namespace {

std::string sqlstate_of(const soci::soci_error& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) return pg->sqlstate();
  return {};
}

// Every session here is opened with the PostgreSQL factory; SOCI exports no typeinfo for dynamic_cast.
PGconn* connection_of(soci::session& sql) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  return backend == nullptr ? nullptr : backend->conn_;
}

}  // namespace

Database::Database(const std::string& conninfo, const std::string& time_zone) {
  try {
    sql_.open(*soci::factory_postgresql(), conninfo);
  } catch (const soci::soci_error& e) {
    throw DatabaseUnavailable(e.what());
  }
  std::string zone = time_zone;
  sql_ << sql::kDbSetTimeZone, soci::use(zone);
}

bool Database::connection_lost() {
  PGconn* conn = connection_of(sql_);
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) return true;
  // An idle connection has nothing to read, unless the server closed it (a restart sends FATAL 57P01 and
  // hangs up): a poll() that costs no round trip finds that before a request fails on it.
  pollfd fd{PQsocket(conn), POLLIN, 0};
  if (::poll(&fd, 1, 0) > 0 && PQconsumeInput(conn) == 0) return true;
  return PQstatus(conn) != CONNECTION_OK;
}

void Database::ping() {
  int one = 0;
  sql_ << sql::kDbPing, soci::into(one);
}

bool Database::wait_for_notification(std::chrono::milliseconds timeout) {
  PGconn* conn = connection_of(sql_);
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

bool Database::is_transient(const soci::soci_error& e) {
  const std::string state = sqlstate_of(e);
  return state == "40001" || state == "40P01";
}

bool is_connection_failure(const soci::soci_error& e) {
  const std::string state = sqlstate_of(e);
  return std::string_view(state).starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03";
}

}  // namespace shop::model
