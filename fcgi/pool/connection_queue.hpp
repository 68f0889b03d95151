#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <vector>

namespace shop::fcgi {

struct ConnectionLimits {
  /// A new connection that has sent nothing after this is closed: an idle client never holds a worker.
  std::chrono::milliseconds first_bytes{3'000};
  /// A kept connection (nginx's `fastcgi_keep_conn`) waits this long for its next request. The worker never
  /// ends a kept connection nginx may still use: nginx may send the next request on it at any moment, and a POST
  /// it had sent on a connection closed under it would be a 502. So nginx ends them (its upstream
  /// `keepalive_timeout`, which must stay below these two, and `keepalive_requests`); the worker closes only
  /// one idle past them, which nginx has closed, or a peer that is not nginx.
  std::chrono::milliseconds kept_idle{30'000};
  /// The same for a leaving worker (stop, recycling, a reload): it stops taking new connections and serves its
  /// kept ones until nginx ends them.
  std::chrono::milliseconds kept_idle_when_leaving{5'000};
  /// Each read of a request's records once it has begun (SO_RCVTIMEO): a client that stops half way loses its
  /// connection, and the worker goes on.
  std::chrono::milliseconds read_timeout{5'000};
  /// Kept connections one worker holds. Past it, and in a leaving worker, a request on a kept connection is
  /// answered so that nginx does not keep the connection (closing_answer.hpp). One: nginx picks an idle kept
  /// connection without knowing whose worker is busy, so with two kept by one worker a request could wait for
  /// that worker's other request (a lock wait, a frozen database) while the other workers idle. With one each,
  /// nginx's idle connections lead to as many different workers.
  std::size_t max_kept = 1;
  /// Connections one worker holds while they wait; past it the oldest new (then kept) one is closed.
  std::size_t max_held = 256;
};

/// A worker's connections: the listening socket (shared by every worker) and the connections this worker has
/// accepted, in one epoll set, so that a connection waiting for its next request never blocks the worker.
/// `next()` hands out only connections whose request has begun to arrive.
///
/// The listening socket is in the set with EPOLLEXCLUSIVE: a new connection wakes one idle worker, not all of
/// them. A connection with bytes already there is handed out at once; a silent one is held until it speaks or
/// its deadline passes. A kept connection handed back with `hold()` waits for its next request the same way.
class ConnectionQueue {
 public:
  /// `before_sleep`, when given, runs each time the worker is about to sleep with nothing to do.
  ConnectionQueue(int listen_fd, ConnectionLimits limits, void (*before_sleep)() = nullptr);
  ~ConnectionQueue();
  ConnectionQueue(const ConnectionQueue&) = delete;
  ConnectionQueue& operator=(const ConnectionQueue&) = delete;

  /// The next connection with something to read (its request, or the end of a peer that hung up), its read
  /// timeout set; the caller owns it until it hands it back with hold() or closes it. -1 when the worker is
  /// to stop: a stop was requested and no held connection is left, or the listening socket failed.
  int next();

  /// Takes back the connection `next()` handed out, to wait for its next request (nginx keeps it).
  void hold(int fd);

  /// Whether the connection being served may stay kept after its answer: false in a leaving worker, and once
  /// it holds `max_kept` others.
  bool can_keep_one_more() const;

  /// Async-signal-safe: takes this worker off the listening socket and wakes its wait.
  void stop_listening() noexcept;

 private:
  using Clock = std::chrono::steady_clock;
  struct Held {
    int fd;
    bool kept;  ///< has carried a request
    Clock::time_point since;
  };
  struct Ready {
    int fd;
    bool registered;  ///< in the epoll set
  };

  void wait(std::chrono::milliseconds timeout, bool leaving);
  void take_new_connection();
  void close_idle(bool leaving);
  std::chrono::milliseconds time_to_next_deadline(bool leaving) const;
  Clock::time_point deadline(const Held& held, bool leaving) const;
  void drop_oldest();

  int listen_fd_;
  ConnectionLimits limits_;
  void (*before_sleep_)();
  int epoll_fd_ = -1;
  int wake_fd_ = -1;         ///< an eventfd the stop handler writes to
  bool failed_ = false;      ///< the listening socket or the epoll set broke: the worker leaves
  std::vector<Held> held_;   ///< oldest first; each is in the epoll set
  std::deque<Ready> ready_;  ///< connections found readable, in the order found
  int out_fd_ = -1;          ///< the connection handed out last
  bool out_registered_ = false;
};

}  // namespace shop::fcgi
