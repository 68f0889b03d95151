#include "tests/support/charge_load.hpp"

#include <cstdio>
#include <map>
#include <thread>
#include <utility>

#include "tests/support/env.hpp"
#include "tests/support/shop_api.hpp"

namespace shop::test {

ChargeLoad::ChargeLoad(UserCredentials user, int processes, int per_process)
    : base_url_(require_env("SHOP_TEST_BASE_URL")),
      user_(std::move(user)),
      processes_(processes),
      per_process_(per_process),
      statuses_(static_cast<std::size_t>(processes) * static_cast<std::size_t>(per_process)),
      control_(2) {}

void ChargeLoad::start() {
  group_.start(processes_, [this](int process) { return run(process); });
}

int ChargeLoad::run(int process) {
  ShopApi api(base_url_);
  for (int i = 0; i < per_process_ && control_[kStop].load() == 0; ++i) {
    auto& status = statuses_[static_cast<std::size_t>(process) * static_cast<std::size_t>(per_process_) +
                             static_cast<std::size_t>(i)];
    try {
      status.store(static_cast<int>(api.charge(user_, amount_of(process, i)).status));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "charge %lld: %s\n", amount_of(process, i), e.what());
      status.store(-1);
    }
    control_[kAnswered].fetch_add(1);
  }
  return 0;
}

bool ChargeLoad::wait_answered(long long count, std::chrono::milliseconds limit) const {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (answered() < count) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

bool ChargeLoad::wait(std::chrono::milliseconds limit) {
  bool all_ok = true;
  for (const int code : group_.wait(limit)) all_ok = all_ok && code == 0;
  return all_ok;
}

long long ChargeLoad::sent() const {
  long long n = 0;
  for (std::size_t i = 0; i < statuses_.size(); ++i) n += statuses_[i].load() != 0 ? 1 : 0;
  return n;
}

long long ChargeLoad::count(int status) const {
  long long n = 0;
  for (std::size_t i = 0; i < statuses_.size(); ++i) n += statuses_[i].load() == status ? 1 : 0;
  return n;
}

std::vector<long long> ChargeLoad::amounts_with(int status) const {
  std::vector<long long> amounts;
  for (int p = 0; p < processes_; ++p) {
    for (int i = 0; i < per_process_; ++i) {
      const auto index =
          static_cast<std::size_t>(p) * static_cast<std::size_t>(per_process_) + static_cast<std::size_t>(i);
      if (statuses_[index].load() == status) amounts.push_back(amount_of(p, i));
    }
  }
  return amounts;
}

std::string ChargeLoad::summary() const {
  std::map<int, long long> by_status;
  for (std::size_t i = 0; i < statuses_.size(); ++i) {
    if (statuses_[i].load() != 0) ++by_status[statuses_[i].load()];
  }
  std::string out = "sent " + std::to_string(sent()) + ":";
  for (const auto& [status, n] : by_status)
    out.append(" ").append(std::to_string(n)).append("x").append(std::to_string(status));
  return out;
}

}  // namespace shop::test
