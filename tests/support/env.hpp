#pragma once

#include <string>

namespace shop::test {

/// The value of SHOP_TEST_<name>; throws std::runtime_error naming the variable when it is unset or empty,
/// so that a database or HTTP test run outside scripts/test fails with a clear message instead of passing.
std::string require_env(const char* name);

}  // namespace shop::test
