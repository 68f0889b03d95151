#include "fcgi/pool/connection_queue.hpp"

#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include "fcgi/pool/signals.hpp"

namespace shop::fcgi {
namespace {

using std::chrono::milliseconds;

// Even with nothing held, a wait ends this often: a lost wake-up costs at most this much.
constexpr milliseconds kLongestWait{1'000};

// How long a new connection may take to send its first bytes before the worker turns to others.
constexpr milliseconds kFirstBytesGrace{50};

bool readable_within(int fd, milliseconds timeout) {
  pollfd probe{fd, POLLIN, 0};
  return ::poll(&probe, 1, static_cast<int>(timeout.count())) > 0;
}

bool readable_now(int fd) {
  return readable_within(fd, milliseconds{0});
}

void set_read_timeout(int fd, milliseconds timeout) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(timeout).count();
  const timeval value{static_cast<time_t>(micros / 1'000'000), static_cast<suseconds_t>(micros % 1'000'000)};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, sizeof value);
}

bool watch(int epoll_fd, int fd, std::uint32_t events) {
  epoll_event event{};
  event.events = events;
  event.data.fd = fd;
  return ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event) == 0;
}

/// accept4 errors that concern one connection (or none), not the listening socket.
bool passing_accept_error(int error) {
  return error == EAGAIN || error == EWOULDBLOCK || error == EINTR || error == ECONNABORTED || error == EPROTO;
}

}  // namespace

ConnectionQueue::ConnectionQueue(int listen_fd, ConnectionLimits limits, void (*before_sleep)())
    : listen_fd_(listen_fd), limits_(limits), before_sleep_(before_sleep) {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (epoll_fd_ < 0 || wake_fd_ < 0 || !watch(epoll_fd_, wake_fd_, EPOLLIN) ||
      !watch(epoll_fd_, listen_fd_, EPOLLIN | EPOLLEXCLUSIVE)) {
    const std::string error = std::strerror(errno);
    if (epoll_fd_ >= 0) ::close(epoll_fd_);
    if (wake_fd_ >= 0) ::close(wake_fd_);
    throw std::runtime_error("cannot watch the listening socket: " + error);
  }
}

ConnectionQueue::~ConnectionQueue() {
  for (const Held& held : held_) ::close(held.fd);
  for (const Ready& ready : ready_) ::close(ready.fd);
  ::close(epoll_fd_);
  ::close(wake_fd_);
}

void ConnectionQueue::stop_listening() noexcept {
  const int saved_errno = errno;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, listen_fd_, nullptr);
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = ::write(wake_fd_, &one, sizeof one);
  errno = saved_errno;
}

int ConnectionQueue::next() {
  out_fd_ = -1;
  for (;;) {
    if (!ready_.empty()) {
      const Ready ready = ready_.front();
      ready_.pop_front();
      out_fd_ = ready.fd;
      out_registered_ = ready.registered;
      return ready.fd;
    }
    const bool leaving = stop_requested();
    close_idle(leaving);
    if (failed_ || (leaving && held_.empty())) return -1;
    wait(time_to_next_deadline(leaving), leaving);
  }
}

void ConnectionQueue::hold(int fd) {
  const bool registered = fd == out_fd_ && out_registered_;
  out_fd_ = -1;
  if (!registered && !watch(epoll_fd_, fd, EPOLLIN)) {
    ::close(fd);
    return;
  }
  if (held_.size() >= limits_.max_held) drop_oldest();
  held_.push_back({fd, true, Clock::now()});
}

bool ConnectionQueue::can_keep_one_more() const {
  return !stop_requested() && held_.size() + ready_.size() < limits_.max_kept;
}

void ConnectionQueue::wait(milliseconds timeout, bool leaving) {
  std::array<epoll_event, 16> events{};
  int n = ::epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), 0);
  if (n == 0) {
    // Going to sleep: the moment for work that waits until nothing else does.
    if (before_sleep_ != nullptr) before_sleep_();
    n = ::epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), static_cast<int>(timeout.count()));
  }
  if (n < 0) {
    failed_ = errno != EINTR;
    return;
  }
  for (int i = 0; i < n; ++i) {
    const int fd = events[static_cast<std::size_t>(i)].data.fd;
    if (fd == wake_fd_) {
      std::uint64_t count = 0;
      [[maybe_unused]] const auto got = ::read(wake_fd_, &count, sizeof count);
    } else if (fd == listen_fd_) {
      if (!leaving && !stop_requested()) take_new_connection();
    } else {
      const auto held = std::ranges::find(held_, fd, &Held::fd);
      if (held == held_.end()) continue;
      held_.erase(held);
      ready_.push_back({fd, true});
    }
  }
}

void ConnectionQueue::take_new_connection() {
  const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
  if (fd < 0) {
    failed_ = !passing_accept_error(errno);
    return;
  }
  set_read_timeout(fd, limits_.read_timeout);
  // nginx writes its request right after connecting: most connections have it already, the rest within
  // moments. Waiting those moments on this one alone matters: a worker that held it and took the next
  // connection meanwhile would make it wait behind that one's whole request (seconds, when the database is
  // slow) while other workers sat idle. Only a connection still silent after the grace is held.
  if (readable_within(fd, kFirstBytesGrace)) {
    ready_.push_back({fd, false});
    return;
  }
  if (!watch(epoll_fd_, fd, EPOLLIN)) {
    ::close(fd);
    return;
  }
  if (held_.size() >= limits_.max_held) drop_oldest();
  held_.push_back({fd, false, Clock::now()});
}

ConnectionQueue::Clock::time_point ConnectionQueue::deadline(const Held& held, bool leaving) const {
  if (!held.kept) return held.since + limits_.first_bytes;
  return held.since + (leaving ? limits_.kept_idle_when_leaving : limits_.kept_idle);
}

milliseconds ConnectionQueue::time_to_next_deadline(bool leaving) const {
  auto timeout = kLongestWait;
  const auto now = Clock::now();
  for (const Held& held : held_) {
    const auto left = std::max(deadline(held, leaving) - now, Clock::duration{0});
    timeout = std::min(timeout, std::chrono::ceil<milliseconds>(left));
  }
  return timeout;
}

void ConnectionQueue::close_idle(bool leaving) {
  const auto now = Clock::now();
  std::erase_if(held_, [&](const Held& held) {
    // Bytes that came while this worker served another request are served, however late it looks.
    if (deadline(held, leaving) > now || readable_now(held.fd)) return false;
    ::close(held.fd);
    return true;
  });
}

void ConnectionQueue::drop_oldest() {
  // A silent new connection goes first: an idle kept one is nginx's, which may be sending on it right now.
  auto victim = std::ranges::find(held_, false, &Held::kept);
  if (victim == held_.end()) victim = held_.begin();
  ::close(victim->fd);
  held_.erase(victim);
}

}  // namespace shop::fcgi
