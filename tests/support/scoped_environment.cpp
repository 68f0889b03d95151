#include "tests/support/scoped_environment.hpp"

#include <cstdlib>

namespace shop::test {

ScopedEnvironment::ScopedEnvironment(const std::vector<std::string>& names) {
  auto all = names;
  all.emplace_back("SHOP_DATABASE_URL");
  for (const std::string& name : all) {
    if (saved_.contains(name)) continue;
    const char* value = std::getenv(name.c_str());
    saved_[name] = value == nullptr ? std::nullopt : std::optional<std::string>(value);
    ::unsetenv(name.c_str());
  }
  ::setenv("SHOP_DATABASE_URL", "host=/nowhere dbname=shop", 1);
}

ScopedEnvironment::~ScopedEnvironment() {
  for (const auto& [name, value] : saved_) {
    if (value) {
      ::setenv(name.c_str(), value->c_str(), 1);
    } else {
      ::unsetenv(name.c_str());
    }
  }
}

}  // namespace shop::test
