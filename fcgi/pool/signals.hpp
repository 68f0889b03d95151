#pragma once

#include <chrono>
#include <span>

namespace shop::fcgi {

/// Every process role of the pool sets up its signals here.
///
/// The master catches its signals with `catch_signals` (a handler that writes to its self-pipe, calls
/// restarted); a forked child first puts them back with `reset_signals`. Workers and background processes
/// call `install_stop_signals`: SIGTERM/SIGINT set the stop flag (interrupting a blocking call, which is
/// what ends an accept() or a pause), SIGHUP is ignored (the master replaces children, they do not reload).
/// SIGPIPE is ignored everywhere: a peer that hung up is an error return, never a death.
///
/// The master ignores every other signal whose default would end it silently (`ignore_stray_signals`: SIGALRM,
/// SIGWINCH, SIGTTIN, the real-time signals...); a child puts those back to their defaults
/// (`restore_stray_signals`: a child may use SIGALRM for its own deadlines), and handles SIGUSR1 by reopening
/// the log file (`install_log_reopen_signal`), which the master forwards to it.

using SignalHandler = void (*)(int);

void catch_signals(std::span<const int> signals, SignalHandler handler);
void reset_signals(std::span<const int> signals);
void ignore_stray_signals();
void restore_stray_signals();
void install_log_reopen_signal();

/// `on_stop`, when given, runs inside the signal handler after the flag is set: async-signal-safe calls only.
void install_stop_signals(SignalHandler on_stop = nullptr);
bool stop_requested() noexcept;
/// Sleeps up to `duration`, returning early when a stop is requested.
void pause_for(std::chrono::milliseconds duration);

}  // namespace shop::fcgi
