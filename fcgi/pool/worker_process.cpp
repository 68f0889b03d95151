#include "fcgi/pool/worker_process.hpp"

#include <fcgiapp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <string>

#include "fcgi/app/app.hpp"
#include "fcgi/errors/error_response.hpp"
#include "fcgi/log.hpp"
#include "fcgi/pool/closing_answer.hpp"
#include "fcgi/pool/connection_queue.hpp"
#include "fcgi/pool/recycling.hpp"
#include "fcgi/pool/scoreboard.hpp"
#include "fcgi/pool/signals.hpp"
#include "fcgi/pool/slow_log.hpp"
#include "fcgi/pool/test_hooks.hpp"
#include "model/db/database_usage.hpp"

namespace shop::fcgi {
namespace {

constexpr std::size_t kMaxBody = 64 * 1024;  // nginx's client_max_body_size; kept here for direct callers

ConnectionQueue* g_connections = nullptr;

// Runs in the stop signal's handler.
extern "C" void stop_accepting(int) {
  FCGX_ShutdownPending();
  // Off the listening socket at once, so that no new connection is taken or waits for this worker.
  if (g_connections != nullptr) g_connections->stop_listening();
}

std::string param(const FCGX_Request& request, const char* name) {
  const char* value = FCGX_GetParam(name, request.envp);
  return value == nullptr ? std::string() : std::string(value);
}

std::string fallback_request_id() {
  static unsigned long counter = 0;
  return "pid" + std::to_string(getpid()) + "-" + std::to_string(++counter);
}

enum class Reading { kWhole, kTooLarge, kCutShort };

/// Copies what the app needs out of the FastCGI request.
Reading read_request(FCGX_Request& fcgi, Request& request) {
  request.method = param(fcgi, "REQUEST_METHOD");
  std::string uri = param(fcgi, "REQUEST_URI");
  if (uri.empty()) uri = param(fcgi, "DOCUMENT_URI");
  const auto question = uri.find('?');
  request.path = uri.substr(0, question);
  request.query = question == std::string::npos ? param(fcgi, "QUERY_STRING") : uri.substr(question + 1);
  request.request_id = param(fcgi, "REQUEST_ID");
  if (request.request_id.empty()) request.request_id = fallback_request_id();
  request.authorization = param(fcgi, "HTTP_AUTHORIZATION");
  const char* key = FCGX_GetParam("HTTP_IDEMPOTENCY_KEY", fcgi.envp);
  request.idempotency_key = key == nullptr ? std::nullopt : std::optional<std::string>(key);
  request.body.clear();
  mark_busy(request.request_id, request.method, request.path);
  run_test_hooks(FCGX_GetParam(kTestSleepParam, fcgi.envp), request.request_id);

  const std::string length_text = param(fcgi, "CONTENT_LENGTH");
  const unsigned long long length = length_text.empty() ? 0 : std::strtoull(length_text.c_str(), nullptr, 10);
  if (length > kMaxBody) return Reading::kTooLarge;
  request.body.resize(length);
  std::size_t got = 0;
  while (got < length) {
    const int n = FCGX_GetStr(request.body.data() + got, static_cast<int>(length - got), fcgi.in);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  request.body.resize(got);
  // The client stopped sending (the connection's read timeout) or hung up: nobody waits for an answer. A body
  // shorter than its CONTENT_LENGTH but properly ended is the app's to refuse.
  return got < length && FCGX_GetError(fcgi.in) != 0 ? Reading::kCutShort : Reading::kWhole;
}

/// Closes the request's connection without a word: its client stopped sending, nobody waits for an answer.
void drop(FCGX_Request& fcgi) {
  FCGX_Free(&fcgi, 0);
  ::close(fcgi.ipcFd);
  fcgi.ipcFd = -1;
}

/// Hands the next connection whose request has begun to arrive to libfcgi, which reads the request from
/// `ipcFd` instead of accepting when keepConnection is set; the BEGIN record then sets keepConnection to what
/// the client asked for. False when the worker is to stop. A connection that ended or broke before its
/// request was whole is closed by libfcgi (whose own accept then fails: it has no listening socket) and the
/// next one is waited for.
bool accept_next(FCGX_Request& fcgi, ConnectionQueue& connections) {
  for (;;) {
    mark_idle();
    const int fd = connections.next();
    if (fd < 0) return false;
    mark_reading();
    fcgi.ipcFd = fd;
    fcgi.keepConnection = 1;
    if (FCGX_Accept_r(&fcgi) != 0) continue;
    // libfcgi takes params cut short (the read timeout, a broken connection) for their end; its stream
    // keeps the error.
    if (FCGX_GetError(fcgi.in) == 0) return true;
    log_error({}, "a FastCGI connection stopped sending its request's params: closed");
    drop(fcgi);
  }
}

constexpr std::size_t kMaxDrain = 4 * kMaxBody;

/// Reads what is left of the request's body (a body past the limit up to kMaxDrain only); true when it was
/// read to its end.
bool drain_input(FCGX_Request& fcgi) {
  char scratch[4096];
  std::size_t drained = 0;
  int n = 0;
  while (drained <= kMaxDrain && (n = FCGX_GetStr(scratch, sizeof scratch, fcgi.in)) > 0) {
    drained += static_cast<std::size_t>(n);
  }
  return n == 0;
}

/// Ends the request with a plain close(). libfcgi's own close shuts the socket down and then waits for nginx
/// to hang up first, which costs three system calls and a wake-up per request; that dance guards TCP against
/// a reset when unread input is left behind. Draining the input first leaves nothing unread, so a detached
/// close is as safe (nginx has the whole answer once FCGX_Finish_r has flushed it).
/// A body past the limit is drained up to kMaxDrain only; past that libfcgi's careful close is kept.
void finish(FCGX_Request& fcgi) {
  if (drain_input(fcgi) && fcgi.keepConnection == 0) FCGX_Detach(&fcgi);
  FCGX_Finish_r(&fcgi);
}

/// The CGI head and body of the answer.
std::string cgi_answer(const Request& request, const Response& response) {
  std::string answer;
  answer.reserve(160 + response.body.size());
  answer.append("Status: ").append(std::to_string(response.status)).append(" ").append(reason_phrase(response.status));
  answer.append("\r\nContent-Type: application/json; charset=utf-8\r\nX-Request-Id: ").append(request.request_id);
  for (const auto& [name, value] : response.headers) answer.append("\r\n").append(name).append(": ").append(value);
  answer.append("\r\nContent-Length: ").append(std::to_string(response.body.size())).append("\r\n\r\n");
  answer.append(response.body);
  return answer;
}

/// Answers and hands the connection back to wait for its next request, or, when nginx keeps it but this
/// worker is not to (it is leaving, or holds its share), answers so that nginx lets it go, and closes it.
void answer(FCGX_Request& fcgi, ConnectionQueue& connections, const std::string& text) {
  if (fcgi.keepConnection != 0 && !connections.can_keep_one_more() && drain_input(fcgi)) {
    send_closing_answer(fcgi.ipcFd, fcgi.requestId, text);
    FCGX_Free(&fcgi, 0);
    fcgi.ipcFd = -1;
    return;
  }
  FCGX_PutStr(text.data(), static_cast<int>(text.size()), fcgi.out);
  finish(fcgi);
  // A kept connection waits for its next request like a new one, so that it holds the worker no more.
  if (fcgi.ipcFd >= 0) {
    connections.hold(fcgi.ipcFd);
    fcgi.ipcFd = -1;
  }
}

/// Leaves to be replaced by a fresh worker: the master reads the mark and forks the replacement at once, and
/// the stop signal takes the worker off the listening socket (which the others keep serving) while the
/// connections it already holds are still served before it exits, as in a graceful stop.
void leave_for_recycling(const std::string& why) {
  log_info({}, "worker recycling: " + why + "; replaced now, leaving once its connections are served");
  mark_recycling();
  // Wakes the master now rather than at its next tick (a SIGCHLD only makes it look at its children).
  ::kill(::getppid(), SIGCHLD);
  std::raise(SIGTERM);
}

}  // namespace

int run_worker_process(int listen_fd, const model::Settings& settings, const std::string& admin_token,
                       const RecycleLimits& recycle, std::chrono::milliseconds slow_request) {
  install_stop_signals(stop_accepting);
  App app(settings, admin_token);
  FCGX_Request fcgi;
  // No listening socket for libfcgi: after a connection that ends before its request, it would accept the
  // next one itself, around the queue's deadlines; with -1 its accept fails at once and the queue goes on.
  if (FCGX_InitRequest(&fcgi, -1, FCGI_FAIL_ACCEPT_ON_INTR) != 0) return 1;
  ConnectionQueue connections(listen_fd, ConnectionLimits{}, [] { flush_log(); });
  g_connections = &connections;
  if (stop_requested()) connections.stop_listening();  // a stop that came before the queue existed
  buffer_log_lines();
  const auto seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  const Recycling recycling(recycle, seed ^ static_cast<std::uint64_t>(::getpid()));
  std::uint64_t served = 0;
  bool leaving = false;
  log_info({}, "worker ready");
  Request request;
  while (accept_next(fcgi, connections)) {
    const auto started = std::chrono::steady_clock::now();
    model::take_database_usage();  // this request's database time starts here
    const Reading reading = read_request(fcgi, request);
    if (reading == Reading::kCutShort) {
      log_error(request.request_id, request.method + " " + request.path + ": the request's body stopped coming");
      drop(fcgi);
      mark_served();
      continue;
    }
    const Response response =
        reading == Reading::kWhole ? app.handle(request) : error_response(HttpError::kPayloadTooLarge);
    // Decided before the answer goes out: a leaving worker answers so that nginx lets its kept connection go.
    if (!leaving) {
      if (const auto why = recycling.due(++served)) {
        leave_for_recycling(*why);
        leaving = true;
      }
    }
    answer(fcgi, connections, cgi_answer(request, response));
    const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    const model::DatabaseUsage database = model::take_database_usage();
    const bool slow = slow_request.count() > 0 && took >= slow_request;
    // A request that failed because of the database (the app answers DatabaseUnavailable and DatabaseTimeout
    // with 503, DatabaseError with 500), told apart from the app's other 5xx by the failed database call.
    mark_served({response.status, database.errors > 0 && response.status >= 500, slow, app.standby_use()});
    log_info(request.request_id, request.method + " " + request.path + " " + std::to_string(response.status) + " " +
                                     std::to_string(took.count()) + "us");
    if (slow)
      log_error(request.request_id, slow_request_line(request.method, request.path, response.status, took, database));
  }
  FCGX_Free(&fcgi, 1);
  log_info({}, "worker stopped");
  flush_log();
  g_connections = nullptr;
  return 0;
}

}  // namespace shop::fcgi
