#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shop::test {

/// For the tests of the pool's configuration: unsets `names` (and sets SHOP_DATABASE_URL, which the pool
/// requires, to a harmless value) for as long as it lives, then puts the caller's values back.
class ScopedEnvironment {
 public:
  explicit ScopedEnvironment(const std::vector<std::string>& names);
  ~ScopedEnvironment();
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

 private:
  std::map<std::string, std::optional<std::string>> saved_;
};

}  // namespace shop::test
