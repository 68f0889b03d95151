#include "fcgi/pool/status_server.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string_view>

#include "fcgi/log.hpp"
#include "fcgi/pool/status_report.hpp"

namespace shop::fcgi {
namespace {

using Clock = std::chrono::steady_clock;

// A status client has this long to send its request and take the answer; then it is cut.
constexpr std::chrono::milliseconds kDeadline{2'000};
// Connections served at once; more wait in the socket's backlog.
constexpr std::size_t kMaxConnections = 16;
// A request head longer than this is not a status request.
constexpr std::size_t kMaxRequest = 8 * 1024;

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    default:
      return "Internal Server Error";
  }
}

std::string http_answer(int status, std::string_view content_type, const std::string& body, bool head) {
  std::string text = "HTTP/1.0 " + std::to_string(status) + " " + reason(status) + "\r\n";
  text.append("Content-Type: ").append(content_type).append("\r\n");
  text.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  if (status == 405) text.append("Allow: GET, HEAD\r\n");
  text.append("Cache-Control: no-store\r\nConnection: close\r\n\r\n");
  if (!head) text.append(body);
  return text;
}

std::string json_error(int status) {
  constexpr std::string_view kJson = "application/json; charset=utf-8";
  switch (status) {
    case 404:
      return http_answer(404, kJson, R"({"error":{"code":"NOT_FOUND","message":"요청한 경로가 없습니다."}})", false);
    case 405:
      return http_answer(405, kJson,
                         R"({"error":{"code":"METHOD_NOT_ALLOWED","message":"허용되지 않는 메서드 입니다."}})", false);
    default:
      return http_answer(400, kJson, R"({"error":{"code":"INVALID_REQUEST","message":"잘못된 요청 입니다."}})", false);
  }
}

/// Whether the query string (a=b&c...) names `flag`, with or without a value (php-fpm's ?full, ?json).
bool has_flag(std::string_view query, std::string_view flag) {
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    std::string_view item = query.substr(0, amp);
    item = item.substr(0, item.find('='));
    if (item == flag) return true;
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return false;
}

}  // namespace

StatusServer::StatusServer(int listen_fd, PoolWatch& watch) : listen_fd_(listen_fd), watch_(watch) {}

StatusServer::~StatusServer() {
  for (const Connection& connection : connections_) ::close(connection.fd);
}

void StatusServer::close_in_child() noexcept {
  for (const Connection& connection : connections_) ::close(connection.fd);
  connections_.clear();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  listen_fd_ = -1;
  watch_.close_in_child();
}

void StatusServer::poll_fds(std::vector<pollfd>& fds) const {
  if (listen_fd_ < 0) return;
  if (connections_.size() < kMaxConnections) fds.push_back({listen_fd_, POLLIN, 0});
  for (const Connection& connection : connections_) {
    fds.push_back({connection.fd, static_cast<short>(connection.output.empty() ? POLLIN : POLLOUT), 0});
  }
}

void StatusServer::serve(std::span<const pollfd> fds) {
  if (listen_fd_ < 0) return;
  for (const pollfd& fd : fds) {
    if (fd.revents == 0) continue;
    if (fd.fd == listen_fd_) {
      accept_all();
      continue;
    }
    const auto found = std::find_if(connections_.begin(), connections_.end(),
                                    [&](const Connection& connection) { return connection.fd == fd.fd; });
    if (found == connections_.end()) continue;
    if (found->output.empty()) {
      on_readable(*found);
    } else {
      on_writable(*found);
    }
  }
  // Done (fd closed: -1) or past the deadline.
  const auto now = Clock::now();
  std::erase_if(connections_, [&](Connection& connection) {
    if (connection.fd >= 0 && connection.deadline > now) return false;
    if (connection.fd >= 0) ::close(connection.fd);
    return true;
  });
}

void StatusServer::accept_all() {
  while (connections_.size() < kMaxConnections) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) return;  // EAGAIN: none left; anything else: the next turn tries again
    connections_.push_back({fd, Clock::now() + kDeadline, {}, {}, 0});
  }
}

void StatusServer::on_readable(Connection& connection) {
  char buffer[4096];
  const ssize_t got = ::recv(connection.fd, buffer, sizeof buffer, 0);
  if (got < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (got <= 0) {  // hung up before its request was whole
    ::close(connection.fd);
    connection.fd = -1;
    return;
  }
  connection.input.append(buffer, static_cast<std::size_t>(got));
  const bool whole =
      connection.input.find("\r\n\r\n") != std::string::npos || connection.input.find("\n\n") != std::string::npos;
  if (whole) {
    connection.output = answer(connection.input);
  } else if (connection.input.size() > kMaxRequest) {
    connection.output = json_error(400);
  } else {
    return;
  }
  on_writable(connection);  // most answers fit the socket's buffer at once
}

void StatusServer::on_writable(Connection& connection) {
  while (connection.written < connection.output.size()) {
    const ssize_t sent = ::send(connection.fd, connection.output.data() + connection.written,
                                connection.output.size() - connection.written, MSG_NOSIGNAL);
    if (sent < 0 && (errno == EAGAIN || errno == EINTR)) return;
    if (sent <= 0) break;
    connection.written += static_cast<std::size_t>(sent);
  }
  ::close(connection.fd);
  connection.fd = -1;
}

std::string StatusServer::answer(const std::string& request) {
  // "GET /status?full HTTP/1.0": nginx passes the client's URI as it came.
  const std::string_view line = std::string_view(request).substr(0, request.find_first_of("\r\n"));
  const std::size_t first_space = line.find(' ');
  const std::size_t second_space = line.find(' ', first_space + 1);
  if (first_space == std::string_view::npos || second_space == std::string_view::npos) return json_error(400);
  const std::string_view method = line.substr(0, first_space);
  const std::string_view target = line.substr(first_space + 1, second_space - first_space - 1);
  const std::size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  const std::string_view query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
  if (path != "/status") return json_error(404);
  const bool head = method == "HEAD";
  if (method != "GET" && !head) return json_error(405);
  try {
    const bool full = has_flag(query, "full");
    PoolStatus status = watch_.snapshot(full);
    if (has_flag(query, "openmetrics")) {
      return http_answer(200, "text/plain; version=0.0.4; charset=utf-8", status_openmetrics(status, full), head);
    }
    return http_answer(200, "application/json; charset=utf-8", status_json(status, full), head);
  } catch (const std::exception& e) {
    log_error({}, std::string("status page failed: ") + e.what());
    return http_answer(500, "application/json; charset=utf-8",
                       R"({"error":{"code":"INTERNAL_ERROR","message":"서버 오류 입니다."}})", head);
  }
}

}  // namespace shop::fcgi
