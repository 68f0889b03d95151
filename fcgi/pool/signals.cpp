#include "fcgi/pool/signals.hpp"

#include <csignal>
#include <ctime>

#include "fcgi/log.hpp"

namespace shop::fcgi {
namespace {

volatile std::sig_atomic_t g_stop = 0;
SignalHandler g_on_stop = nullptr;

extern "C" void on_stop_signal(int signo) {
  g_stop = 1;
  if (g_on_stop != nullptr) g_on_stop(signo);
}

void set_action(int signo, SignalHandler handler, int flags) {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = flags;
  sigaction(signo, &action, nullptr);
}

extern "C" void on_reopen_signal(int) {
  reopen_log_file();
}

/// Signals whose default ends (or stops) a process, which nobody should be able to end the master with by
/// mistake; the faults (SIGSEGV...) and SIGKILL/SIGSTOP are not among them.
template <class Each>
void for_each_stray_signal(Each each) {
  for (const int signo :
       {SIGALRM, SIGVTALRM, SIGPROF, SIGIO, SIGPWR, SIGSTKFLT, SIGWINCH, SIGTTIN, SIGTTOU, SIGTSTP, SIGXFSZ, SIGURG}) {
    each(signo);
  }
  for (int signo = SIGRTMIN; signo <= SIGRTMAX; ++signo) each(signo);
}

}  // namespace

void ignore_stray_signals() {
  for_each_stray_signal([](int signo) { set_action(signo, SIG_IGN, 0); });
}

void restore_stray_signals() {
  for_each_stray_signal([](int signo) { set_action(signo, SIG_DFL, 0); });
}

void install_log_reopen_signal() {
  set_action(SIGUSR1, on_reopen_signal, SA_RESTART);
}

void catch_signals(std::span<const int> signals, SignalHandler handler) {
  for (const int signo : signals) set_action(signo, handler, SA_RESTART);
  set_action(SIGPIPE, SIG_IGN, 0);
}

void reset_signals(std::span<const int> signals) {
  for (const int signo : signals) set_action(signo, SIG_DFL, 0);
}

void install_stop_signals(SignalHandler on_stop) {
  g_on_stop = on_stop;
  // No SA_RESTART: a blocking accept() or sleep must return EINTR so the process notices the stop.
  set_action(SIGTERM, on_stop_signal, 0);
  set_action(SIGINT, on_stop_signal, 0);
  set_action(SIGHUP, SIG_IGN, 0);
  set_action(SIGPIPE, SIG_IGN, 0);
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
