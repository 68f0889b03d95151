#pragma once

#include <poll.h>

#include <chrono>
#include <span>
#include <string>
#include <vector>

#include "fcgi/pool/status_watch.hpp"

namespace shop::fcgi {

/// The status page, served by the master itself from its poll loop on a unix socket of its own
/// (SHOP_STATUS_SOCKET, by default the pool's socket path plus ".status"), so it answers while every worker is
/// busy. It speaks plain HTTP/1.0, one request per connection: nginx reaches it with proxy_pass, and an operator
/// on the box with `curl --unix-socket`. Everything is non-blocking and each connection has a short deadline, so
/// a client that stalls costs the master nothing. `GET /status` answers JSON (php-fpm's fields), `?full` adds
/// the processes, `?openmetrics` gives the Prometheus text format.
class StatusServer {
 public:
  /// `listen_fd`: the status socket (bound, listening), or -1 for none: then every call does nothing.
  StatusServer(int listen_fd, PoolWatch& watch);
  ~StatusServer();
  StatusServer(const StatusServer&) = delete;
  StatusServer& operator=(const StatusServer&) = delete;

  /// Appends what the loop's poll() should wait for.
  void poll_fds(std::vector<pollfd>& fds) const;
  /// After poll(): `fds` are the entries poll_fds appended, with their revents. Accepts, reads, answers, and
  /// closes connections past their deadline.
  void serve(std::span<const pollfd> fds);
  /// In a child right after fork: the master's sockets (this server's and the watch's) are not the child's to
  /// keep open.
  void close_in_child() noexcept;

 private:
  struct Connection {
    int fd;
    std::chrono::steady_clock::time_point deadline;
    std::string input;
    std::string output;
    std::size_t written = 0;
  };

  void accept_all();
  void on_readable(Connection& connection);
  void on_writable(Connection& connection);
  std::string answer(const std::string& request);

  int listen_fd_;
  PoolWatch& watch_;
  std::vector<Connection> connections_;
};

}  // namespace shop::fcgi
