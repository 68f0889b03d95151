#include "tests/support/processes.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>

namespace shop::test {

void* map_shared(std::size_t bytes) {
  void* address = ::mmap(nullptr, bytes == 0 ? 1 : bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (address == MAP_FAILED) throw std::runtime_error(std::string("mmap failed: ") + std::strerror(errno));
  return address;
}

void unmap_shared(void* address, std::size_t bytes) noexcept {
  ::munmap(address, bytes == 0 ? 1 : bytes);
}

ProcessGroup::~ProcessGroup() {
  for (const pid_t pid : pids_) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
}

void ProcessGroup::start(int count, const std::function<int(int index)>& body) {
  std::fflush(nullptr);  // nothing buffered before the fork is written twice
  for (int index = 0; index < count; ++index) {
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
    if (pid == 0) {
      int code = 1;
      try {
        code = body(index);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "child %d: %s\n", index, e.what());
      } catch (...) {
        std::fprintf(stderr, "child %d: unknown exception\n", index);
      }
      std::fflush(nullptr);
      ::_exit(code);  // no atexit handlers, no Boost.Test teardown in the child
    }
    pids_.push_back(pid);
  }
}

std::vector<int> ProcessGroup::wait(std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  std::vector<int> codes(pids_.size(), -1);
  std::vector<bool> done(pids_.size(), false);
  std::size_t remaining = pids_.size();
  while (remaining > 0 && std::chrono::steady_clock::now() < deadline) {
    for (std::size_t i = 0; i < pids_.size(); ++i) {
      if (done[i]) continue;
      int status = 0;
      if (::waitpid(pids_[i], &status, WNOHANG) == pids_[i]) {
        done[i] = true;
        --remaining;
        codes[i] = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
    }
    if (remaining > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  for (std::size_t i = 0; i < pids_.size(); ++i) {
    if (done[i]) continue;
    std::fprintf(stderr, "child %zu (pid %d) still running after %lld ms: killed\n", i, pids_[i],
                 static_cast<long long>(limit.count()));
    ::kill(pids_[i], SIGKILL);
    ::waitpid(pids_[i], nullptr, 0);
  }
  pids_.clear();
  return codes;
}

bool StartBarrier::arrive_and_wait(std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  arrived_[0].fetch_add(1);
  // Polled, not spun: 20 children spinning on 2 cores would delay the ones still being forked.
  while (arrived_[0].load() < count_) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return true;
}

std::vector<int> run_processes(int count, std::chrono::milliseconds limit, const std::function<int(int index)>& body) {
  ProcessGroup group;
  group.start(count, body);
  return group.wait(limit);
}

}  // namespace shop::test
