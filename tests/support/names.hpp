#pragma once

#include <string>

namespace shop::test {

/// A user name no other test (or earlier run) uses: "<prefix>-<pid>-<counter>", at most 50 characters, so
/// each test owns the rows it creates and never depends on ids or on data it did not make.
std::string unique_name(const std::string& prefix = "t");

}  // namespace shop::test
