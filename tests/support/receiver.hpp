#pragma once

// The data platform as the relay tests see it: a real HTTP/1.1 server on 127.0.0.1 (the port scripts/test
// points the pool's SHOP_DATA_PLATFORM_URL at), run by threads of the test process with blocking sockets. It
// keeps connections alive between requests (libcurl reuses them) and records every request it reads, before
// it answers. What it answers is set by the test: 200, 500 to the first N requests of each Idempotency-Key,
// 500 with a body of the test's bytes to every request of one Idempotency-Key, or nothing at all (hang). Stopped,
// nothing listens: the platform is down.

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace shop::test {

/// One request as the receiver read it.
struct ReceivedRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;  ///< in order, names as sent
  std::string body;
  int connection = 0;  ///< which accepted connection (1, 2, ... since the receiver was made) it came on
  int answered = 0;    ///< the status written back; 0 while held (hang), or when the client left first

  /// The first header of that name (case-insensitive), if any.
  std::optional<std::string> header(std::string_view name) const;
};

class Receiver {
 public:
  Receiver();  ///< on SHOP_TEST_RECEIVER_PORT; not listening yet
  explicit Receiver(int port);
  /// On `address` (an IPv4 address of this host or namespace, e.g. a test bridge's) instead of 127.0.0.1.
  Receiver(int port, std::string address);
  ~Receiver();  ///< stop()
  Receiver(const Receiver&) = delete;
  Receiver& operator=(const Receiver&) = delete;

  /// Listens (SO_REUSEADDR) and serves; throws std::runtime_error when the port cannot be bound.
  void start();
  /// Stops listening and closes every connection; held requests stay unanswered. Requests stay recorded.
  void stop();
  bool listening() const { return listen_fd_ >= 0; }
  int port() const { return port_; }

  /// Answers 200 to every request from now on (held ones too).
  void answer_ok() { answer_failing_first(0); }
  /// Answers 500 to the first `count` requests of each Idempotency-Key (counted from the receiver's making),
  /// 200 to the later ones.
  void answer_failing_first(int count);
  /// Answers 500 with `body`, byte for byte, to every request with that Idempotency-Key, and 200 to the
  /// others (held ones too), until the mode changes.
  void answer_failing_for(const std::string& idempotency_key, const std::string& body);
  /// Holds every request unanswered until the mode changes (then it is answered as the new mode says), the
  /// client goes away, or stop().
  void hang();

  /// Every request read so far, in the order they came.
  std::vector<ReceivedRequest> requests() const;

 private:
  void accept_loop();
  void serve(int fd, int connection);
  /// The next whole request on `fd` (keeping what follows it in `buffer`); false at the end of the connection.
  bool read_request(int fd, std::string& buffer, ReceivedRequest& request);
  /// Waits until the request at `index` may be answered; its status and body, or status 0 when it may not (stop,
  /// client gone).
  std::pair<int, std::string> decide(std::unique_lock<std::mutex>& lock, int fd, std::size_t index);

  int port_;
  std::string address_ = "127.0.0.1";
  int listen_fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;

  mutable std::mutex mutex_;
  std::condition_variable mode_changed_;
  bool hanging_ = false;
  int fail_first_ = 0;
  std::optional<std::string> failing_key_;
  std::string failing_body_;
  std::map<std::string, int> answered_per_key_;
  std::vector<ReceivedRequest> requests_;
  std::vector<std::thread> connections_;
  std::set<int> open_fds_;
  int accepted_ = 0;
};

}  // namespace shop::test
