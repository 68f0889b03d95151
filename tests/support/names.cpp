#include "tests/support/names.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>

namespace shop::test {

std::string unique_name(const std::string& prefix) {
  static std::atomic<unsigned> counter{0};
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  std::string name = prefix.substr(0, 16) + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + "-" +
                     std::to_string(micros % 1'000'000'000);
  return name.substr(0, 50);
}

}  // namespace shop::test
