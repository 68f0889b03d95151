#include "fcgi/pool/connection_queue.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <utility>
#include <vector>

#include "fcgi/pool/signals.hpp"

namespace shop::fcgi {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Even with nothing held, a wait ends this often: a lost wake-up costs at most this much.
constexpr milliseconds kLongestWait{1'000};

bool readable_now(int fd) {
  pollfd probe{fd, POLLIN, 0};
  return ::poll(&probe, 1, 0) > 0;
}

}  // namespace

ConnectionQueue::ConnectionQueue(int listen_fd, ConnectionLimits limits) : listen_fd_(listen_fd), limits_(limits) {}

ConnectionQueue::~ConnectionQueue() {
  for (const Held& held : held_) ::close(held.fd);
}

void ConnectionQueue::hold(int fd) {
  if (held_.size() >= limits_.max_held) {
    ::close(held_.front().fd);
    held_.pop_front();
  }
  held_.push_back({fd, Clock::now() + limits_.first_bytes});
}

int ConnectionQueue::ready(int fd) const {
  const auto timeout = std::chrono::duration_cast<std::chrono::microseconds>(limits_.read_timeout);
  timeval value{static_cast<time_t>(timeout.count() / 1'000'000),
                static_cast<suseconds_t>(timeout.count() % 1'000'000)};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, sizeof value);
  return fd;
}

void ConnectionQueue::close_expired() {
  const auto now = Clock::now();
  std::erase_if(held_, [&](const Held& held) {
    // Bytes that came while this worker served another request are served, however late it looks.
    if (held.deadline > now || readable_now(held.fd)) return false;
    ::close(held.fd);
    return true;
  });
}

bool ConnectionQueue::wait(bool with_listener) {
  std::vector<pollfd> fds;
  fds.reserve(held_.size() + 1);
  for (const Held& held : held_) fds.push_back({held.fd, POLLIN, 0});
  if (with_listener) fds.push_back({listen_fd_, POLLIN, 0});
  auto timeout = kLongestWait;
  const auto now = Clock::now();
  for (const Held& held : held_) {
    timeout = std::min(timeout, std::chrono::ceil<milliseconds>(std::max(held.deadline - now, Clock::duration{0})));
  }
  const int n = ::poll(fds.data(), fds.size(), static_cast<int>(timeout.count()));
  if (n < 0) return errno == EINTR;
  for (std::size_t i = 0; i < held_.size(); ++i) {
    if (fds[i].revents == 0) continue;
    ready_fd_ = held_[i].fd;  // oldest first: the order they came in
    held_.erase(held_.begin() + static_cast<std::ptrdiff_t>(i));
    break;
  }
  return true;
}

int ConnectionQueue::next() {
  for (;;) {
    if (ready_fd_ >= 0) return ready(std::exchange(ready_fd_, -1));
    close_expired();
    const bool stopping = stop_requested();
    if (stopping && held_.empty()) return -1;
    if (!stopping) {
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        if (readable_now(fd)) return ready(fd);
        hold(fd);
      } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNABORTED &&
                 errno != EPROTO) {
        // ENOTSOCK: the stop signal's handler has put /dev/null over the listening socket.
        if (!stop_requested()) return -1;
        continue;
      }
    }
    if (!wait(!stopping)) return -1;
  }
}

}  // namespace shop::fcgi
