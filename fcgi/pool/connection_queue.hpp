#pragma once

#include <chrono>
#include <cstddef>
#include <deque>

namespace shop::fcgi {

struct ConnectionLimits {
  /// A connection that has sent nothing after this is closed: an idle client never holds a worker.
  std::chrono::milliseconds first_bytes{3'000};
  /// Each read of a request's records once it has begun (SO_RCVTIMEO): a client that stops half way loses its
  /// connection, and the worker goes on.
  std::chrono::milliseconds read_timeout{5'000};
  /// Connections waiting for their first bytes; past it the oldest is closed.
  std::size_t max_held = 16;
};

/// A worker's view of its listening socket (non-blocking, shared by every worker): hands out only connections
/// whose request has begun to arrive. A connection with bytes already there is returned at once (accept, one
/// poll of zero timeout); one still silent is held and polled together with the listening socket, and closed
/// when it stays silent past `first_bytes`. One request per connection is the rule (nginx keeps none), but a
/// connection handed back with hold() waits for its next request the same way.
class ConnectionQueue {
 public:
  ConnectionQueue(int listen_fd, ConnectionLimits limits);
  ~ConnectionQueue();
  ConnectionQueue(const ConnectionQueue&) = delete;
  ConnectionQueue& operator=(const ConnectionQueue&) = delete;

  /// The next connection with something to read (its request, or the end of a peer that hung up), its read
  /// timeout set; the caller owns it. -1 when the worker is to stop: a stop was requested and no held
  /// connection is left (each is served or times out first), or the listening socket failed.
  int next();

  /// Takes back a connection to wait for its next request (a kept connection).
  void hold(int fd);

 private:
  struct Held {
    int fd;
    std::chrono::steady_clock::time_point deadline;
  };

  int ready(int fd) const;
  void close_expired();
  bool wait(bool with_listener);

  int listen_fd_;
  ConnectionLimits limits_;
  std::deque<Held> held_;
  int ready_fd_ = -1;  ///< a held connection the last wait found readable
};

}  // namespace shop::fcgi
