#include "fcgi/background/stop_flag.hpp"

#include <csignal>
#include <ctime>

namespace shop::fcgi {
namespace {

volatile std::sig_atomic_t g_stop = 0;

extern "C" void on_stop(int) {
  g_stop = 1;
}

}  // namespace

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // interrupt sleeps and waits
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  std::signal(SIGHUP, SIG_IGN);
  std::signal(SIGPIPE, SIG_IGN);
}

bool stop_requested() noexcept {
  return g_stop != 0;
}

void pause_for(std::chrono::milliseconds duration) {
  // Slices of 100 ms: a signal landing just before nanosleep() costs at most one slice.
  const auto deadline = std::chrono::steady_clock::now() + duration;
  while (!stop_requested() && std::chrono::steady_clock::now() < deadline) {
    timespec slice{0, 100'000'000};
    nanosleep(&slice, nullptr);
  }
}

}  // namespace shop::fcgi
