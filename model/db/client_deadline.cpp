#include "model/db/client_deadline.hpp"

#include <signal.h>
#include <sys/socket.h>

#include <cerrno>

namespace shop::model {
namespace {

void on_deadline(int /*signal*/, siginfo_t* info, void* /*context*/) {
  if (info == nullptr || info->si_code != SI_TIMER) return;
  const int saved = errno;
  ::shutdown(info->si_value.sival_int, SHUT_RDWR);
  errno = saved;
}

void install_handler() {
  struct sigaction action {};
  action.sa_sigaction = on_deadline;
  sigemptyset(&action.sa_mask);
  // No SA_RESTART: the interrupted wait returns to libpq, which then finds the socket shut down.
  action.sa_flags = SA_SIGINFO;
  ::sigaction(SIGALRM, &action, nullptr);
}

itimerspec one_shot(std::chrono::milliseconds limit) {
  itimerspec spec{};
  spec.it_value.tv_sec = static_cast<time_t>(limit.count() / 1000);
  spec.it_value.tv_nsec = static_cast<long>(limit.count() % 1000) * 1'000'000;
  return spec;
}

}  // namespace

ClientDeadline::ClientDeadline(int socket, std::chrono::milliseconds limit) : limit_(limit) {
  if (socket < 0 || limit_.count() <= 0) return;
  sigevent event{};
  event.sigev_notify = SIGEV_SIGNAL;
  event.sigev_signo = SIGALRM;
  event.sigev_value.sival_int = socket;
  // Without a timer (RLIMIT_SIGPENDING reached) the connection still works, bounded by the server's
  // timeouts alone: better than refusing every request.
  has_timer_ = ::timer_create(CLOCK_MONOTONIC, &event, &timer_) == 0;
  // Once per connection, not per call: connections are made after fork, once the pool has put the child's
  // signals back (restore_stray_signals), and nothing in the process touches SIGALRM after that.
  if (has_timer_) install_handler();
}

ClientDeadline::~ClientDeadline() {
  // Deleting the timer also drops its signal if it is still pending.
  if (has_timer_) ::timer_delete(timer_);
}

void ClientDeadline::arm() {
  if (depth_++ > 0 || !has_timer_) return;
  const itimerspec spec = one_shot(limit_);
  ::timer_settime(timer_, 0, &spec, nullptr);
}

void ClientDeadline::disarm() {
  if (--depth_ > 0 || !has_timer_) return;
  const itimerspec off{};
  ::timer_settime(timer_, 0, &off, nullptr);
}

ClientDeadline::Armed::Armed(ClientDeadline& deadline) : deadline_(&deadline) {
  deadline_->arm();
}

ClientDeadline::Armed::~Armed() {
  if (deadline_ != nullptr) deadline_->disarm();
}

bool ClientDeadline::Armed::expired() const {
  if (deadline_ == nullptr || !deadline_->has_timer_) return false;
  itimerspec left{};
  if (::timer_gettime(deadline_->timer_, &left) != 0) return false;
  // A one-shot timer that has fired reads zero; an armed one has time left.
  return left.it_value.tv_sec == 0 && left.it_value.tv_nsec == 0;
}

}  // namespace shop::model
