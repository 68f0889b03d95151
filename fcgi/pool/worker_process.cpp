#include "fcgi/pool/worker_process.hpp"

#include <fcgiapp.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <string>

#include "fcgi/app/app.hpp"
#include "fcgi/errors/error_response.hpp"
#include "fcgi/log.hpp"
#include "fcgi/pool/signals.hpp"

namespace shop::fcgi {
namespace {

constexpr std::size_t kMaxBody = 64 * 1024;  // nginx's client_max_body_size; kept here for direct callers

int g_listen_fd = -1;

// Runs in the stop signal's handler.
extern "C" void stop_accepting(int) {
  const int saved_errno = errno;
  FCGX_ShutdownPending();
  // An idle worker may be about to call accept(): put /dev/null on the listening fd so that the call fails
  // at once instead of taking one more connection (php-fpm does the same).
  const int devnull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (devnull >= 0) {
    ::dup2(devnull, g_listen_fd);
    ::close(devnull);
  }
  errno = saved_errno;
}

std::string param(const FCGX_Request& request, const char* name) {
  const char* value = FCGX_GetParam(name, request.envp);
  return value == nullptr ? std::string() : std::string(value);
}

std::string fallback_request_id() {
  static unsigned long counter = 0;
  return "pid" + std::to_string(getpid()) + "-" + std::to_string(++counter);
}

/// Copies what the app needs out of the FastCGI request. False when the body is over the limit.
bool read_request(FCGX_Request& fcgi, Request& request) {
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

  const std::string length_text = param(fcgi, "CONTENT_LENGTH");
  const unsigned long long length = length_text.empty() ? 0 : std::strtoull(length_text.c_str(), nullptr, 10);
  if (length > kMaxBody) return false;
  request.body.resize(length);
  std::size_t got = 0;
  while (got < length) {
    const int n = FCGX_GetStr(request.body.data() + got, static_cast<int>(length - got), fcgi.in);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  request.body.resize(got);
  return true;
}

/// Accepts the next connection and hands it to libfcgi, whose own accept() on a unix socket adds a poll() per
/// request (a guard against a kernel bug of long ago). With keepConnection set, FCGX_Accept_r reads the request
/// from `ipcFd` instead of accepting; the BEGIN record then sets keepConnection to what nginx asked for. False
/// when the worker is to stop (the stop signal, or /dev/null put over the listening fd) or accept() failed.
bool accept_next(FCGX_Request& fcgi, int listen_fd) {
  // nginx asked to keep the last connection (fastcgi_keep_conn): the next request comes on it, as libfcgi
  // serves it; if nginx closed it meanwhile, libfcgi accepts a new one itself.
  if (fcgi.ipcFd >= 0) return FCGX_Accept_r(&fcgi) == 0;
  for (;;) {
    const int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0) {
      fcgi.ipcFd = fd;
      fcgi.keepConnection = 1;
      return FCGX_Accept_r(&fcgi) == 0;
    }
    if (stop_requested()) return false;
    if (errno != EINTR && errno != ECONNABORTED && errno != EPROTO) return false;
  }
}

/// Ends the request with a plain close(). libfcgi's own close shuts the socket down and then waits for nginx
/// to hang up first, which costs three system calls and a wake-up per request; that dance guards TCP against
/// a reset when unread input is left behind. Draining the input first leaves nothing unread, so a detached
/// close is as safe (nginx has the whole answer once FCGX_Finish_r has flushed it).
/// A body past the limit is drained up to kMaxDrain only; past that libfcgi's careful close is kept.
void finish(FCGX_Request& fcgi) {
  constexpr std::size_t kMaxDrain = 4 * kMaxBody;
  char scratch[4096];
  std::size_t drained = 0;
  int n = 0;
  while (drained <= kMaxDrain && (n = FCGX_GetStr(scratch, sizeof scratch, fcgi.in)) > 0) {
    drained += static_cast<std::size_t>(n);
  }
  if (n == 0 && fcgi.keepConnection == 0) FCGX_Detach(&fcgi);
  FCGX_Finish_r(&fcgi);
}

void write_response(FCGX_Request& fcgi, const Request& request, const Response& response) {
  std::string head;
  head.reserve(160);
  head.append("Status: ").append(std::to_string(response.status)).append(" ").append(reason_phrase(response.status));
  head.append("\r\nContent-Type: application/json; charset=utf-8\r\nX-Request-Id: ").append(request.request_id);
  for (const auto& [name, value] : response.headers) head.append("\r\n").append(name).append(": ").append(value);
  head.append("\r\nContent-Length: ").append(std::to_string(response.body.size())).append("\r\n\r\n");
  FCGX_PutStr(head.data(), static_cast<int>(head.size()), fcgi.out);
  FCGX_PutStr(response.body.data(), static_cast<int>(response.body.size()), fcgi.out);
}

}  // namespace

int run_worker_process(int listen_fd, const model::Settings& settings, const std::string& admin_token) {
  g_listen_fd = listen_fd;
  install_stop_signals(stop_accepting);
  App app(settings, admin_token);
  FCGX_Request fcgi;
  if (FCGX_InitRequest(&fcgi, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0) return 1;
  log_info({}, "worker ready");
  Request request;
  while (!stop_requested() && accept_next(fcgi, listen_fd)) {
    const auto started = std::chrono::steady_clock::now();
    const Response response =
        read_request(fcgi, request) ? app.handle(request) : error_response(HttpError::kPayloadTooLarge);
    write_response(fcgi, request, response);
    finish(fcgi);
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
    log_info(request.request_id, request.method + " " + request.path + " " + std::to_string(response.status) + " " +
                                     std::to_string(micros) + "us");
  }
  FCGX_Free(&fcgi, 1);
  log_info({}, "worker stopped");
  return 0;
}

}  // namespace shop::fcgi
