#pragma once

#include <time.h>

#include <chrono>

namespace shop::model {

/// A watchdog on one connection's socket. Server-side timeouts do nothing when the server, or the path to it,
/// is frozen: then a call would wait in recv() forever. While armed, a call that has no answer within the
/// limit has its socket shut down (shutdown() from a SIGALRM handler, async-signal-safe), so the blocked
/// call returns at once with the connection lost, and the owner drops the connection.
///
/// Each watchdog has its own POSIX timer whose signal carries the socket, so connections in different
/// threads (tests) never disturb each other. The SIGALRM handler, installed with SA_SIGINFO and without
/// SA_RESTART when a connection's watchdog is made (after fork), acts only on these timers' signals: a stray
/// SIGALRM (kill -ALRM) is ignored rather than ending the process.
class ClientDeadline {
 public:
  /// Watches `socket`; a zero `limit` never fires. Without a timer (the system refused one) it never fires.
  ClientDeadline(int socket, std::chrono::milliseconds limit);
  ~ClientDeadline();
  ClientDeadline(const ClientDeadline&) = delete;
  ClientDeadline& operator=(const ClientDeadline&) = delete;

  /// Armed for the limit while it lives; inside one already armed it joins it (the outer deadline holds).
  class Armed {
   public:
    explicit Armed(ClientDeadline& deadline);
    ~Armed();
    Armed(Armed&& other) noexcept : deadline_(other.deadline_) { other.deadline_ = nullptr; }
    Armed(const Armed&) = delete;
    Armed& operator=(const Armed&) = delete;
    Armed& operator=(Armed&&) = delete;

    /// True once the limit passed (and the socket was shut down).
    bool expired() const;

   private:
    ClientDeadline* deadline_;
  };

  std::chrono::milliseconds limit() const { return limit_; }

 private:
  void arm();
  void disarm();

  std::chrono::milliseconds limit_;
  timer_t timer_{};
  bool has_timer_ = false;
  int depth_ = 0;
};

}  // namespace shop::model
