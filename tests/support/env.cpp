#include "tests/support/env.hpp"

#include <cstdlib>
#include <stdexcept>

namespace shop::test {

std::string require_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(std::string(name) +
                             " is not set: this test needs the stack that scripts/test starts (run scripts/test, "
                             "or export the SHOP_TEST_* variables it prints)");
  }
  return value;
}

}  // namespace shop::test
