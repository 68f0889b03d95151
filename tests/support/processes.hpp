#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <new>
#include <type_traits>
#include <vector>

namespace shop::test {

/// Memory shared between the test process and the children it forks (anonymous MAP_SHARED), for children to
/// report what they saw. Holds `count` value-initialized Ts; T must be trivially copyable (atomics are fine).
template <class T>
class SharedArray {
  static_assert(std::is_trivially_destructible_v<T>);

 public:
  explicit SharedArray(std::size_t count);
  ~SharedArray();
  SharedArray(const SharedArray&) = delete;
  SharedArray& operator=(const SharedArray&) = delete;

  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  std::size_t size() const { return count_; }

 private:
  T* data_;
  std::size_t count_;
};

void* map_shared(std::size_t bytes);
void unmap_shared(void* address, std::size_t bytes) noexcept;

template <class T>
SharedArray<T>::SharedArray(std::size_t count) : data_(static_cast<T*>(map_shared(sizeof(T) * count))), count_(count) {
  for (std::size_t i = 0; i < count; ++i) new (data_ + i) T{};
}

template <class T>
SharedArray<T>::~SharedArray() {
  unmap_shared(data_, sizeof(T) * count_);
}

/// Children forked at once, each running `body(index)` and _exit()ing with its result (1 when it throws,
/// after printing the exception to stderr). They must not use Boost.Test; they report through SharedArray
/// and their exit code. The parent may do other things (kill a worker, send SIGHUP) before wait().
class ProcessGroup {
 public:
  ProcessGroup() = default;
  ~ProcessGroup();  ///< kills and reaps children still running
  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;

  void start(int count, const std::function<int(int index)>& body);

  /// Waits for every child, at most `limit`; children still running then are killed (SIGKILL) and count as
  /// failed. The exit code of each child in start order; -1 when killed by a signal or by the limit.
  std::vector<int> wait(std::chrono::milliseconds limit);

 private:
  std::vector<pid_t> pids_;
};

/// A start line for children forked one after another: each calls arrive_and_wait(), which returns once
/// `count` of them have arrived, so that their requests leave together instead of in fork order. Made by the
/// parent before the fork.
class StartBarrier {
 public:
  explicit StartBarrier(int count) : count_(count), arrived_(1) {}

  /// False when `limit` passed before everyone arrived (the caller then fails rather than runs alone).
  bool arrive_and_wait(std::chrono::milliseconds limit);

 private:
  int count_;
  SharedArray<std::atomic<int>> arrived_;
};

/// start() then wait(): `count` processes running `body` at once, bounded by `limit`.
std::vector<int> run_processes(int count, std::chrono::milliseconds limit, const std::function<int(int index)>& body);

}  // namespace shop::test
