#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

#include "tests/support/credentials.hpp"
#include "tests/support/processes.hpp"

namespace shop::test {

/// Charges of one user, with its token, sent through nginx by several processes at once, `per_process` each at
/// most, every request with its own amount (1, 2, 3, ...: distinct, so a ledger line tells which request wrote
/// it). Each request's answer is recorded in shared memory. The load stops when every process has sent its share,
/// when stop() is called, or at the limit given to wait().
class ChargeLoad {
 public:
  ChargeLoad(UserCredentials user, int processes, int per_process);

  void start();
  /// Requests answered so far (any status, or a transport error).
  long long answered() const { return control_[kAnswered].load(); }
  /// Waits (at most `limit`) until `count` requests have been answered; false if they were not.
  bool wait_answered(long long count, std::chrono::milliseconds limit) const;
  /// Asks every process to stop after the request in hand.
  void stop() { control_[kStop].store(1); }
  /// Waits for the processes (at most `limit`); true when all of them exited normally.
  bool wait(std::chrono::milliseconds limit);

  /// Outcomes, after wait(): requests sent, those that got `status` (-1: transport error).
  long long sent() const;
  long long count(int status) const;
  /// Amounts of the requests that got `status`.
  std::vector<long long> amounts_with(int status) const;
  /// Every status that came, for messages.
  std::string summary() const;

 private:
  static constexpr std::size_t kStop = 0;
  static constexpr std::size_t kAnswered = 1;

  long long amount_of(int process, int index) const {
    return 1 + static_cast<long long>(process) * per_process_ + index;
  }
  int run(int process);

  std::string base_url_;
  UserCredentials user_;
  int processes_;
  int per_process_;
  SharedArray<std::atomic<int>> statuses_;  ///< per request: 0 not sent, -1 transport error, else HTTP status
  SharedArray<std::atomic<long long>> control_;
  ProcessGroup group_;
};

}  // namespace shop::test
