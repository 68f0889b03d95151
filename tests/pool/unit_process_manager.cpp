// The process manager's decisions, without processes: static keeps max children; dynamic grows to keep min
// spare idle workers (counting those starting), never past max children (which counts as "reached" once per
// stretch), and shrinks by one idle worker a second above max spare; ondemand starts none, spawns one when a
// connection waits and none is free, and retires a worker idle past the timeout. php-fpm's checks of the
// limits, and the recycling limit's jitter.
#include <boost/test/unit_test.hpp>
#include <set>
#include <stdexcept>
#include <string>

#include "fcgi/pool/process_manager.hpp"
#include "fcgi/pool/recycling.hpp"

using namespace shop::fcgi;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

const Clock::time_point kNow = Clock::time_point{} + 1h;

PmLimits dynamic(int max_children, int start, int min_spare, int max_spare) {
  return {PmMode::kDynamic, max_children, start, min_spare, max_spare, 10s};
}

PmLimits ondemand(int max_children, std::chrono::milliseconds idle_timeout) {
  return {PmMode::kOndemand, max_children, 0, 0, 0, idle_timeout};
}

/// `busy` busy workers, `idle` idle ones (idle since `idle_for` before now, the first the longest), `starting`
/// starting ones.
PmSnapshot pool(int busy, int idle, int starting = 0, Clock::duration idle_for = 0s) {
  PmSnapshot snapshot;
  snapshot.now = kNow;
  snapshot.last_retire = kNow - 1h;
  pid_t pid = 100;
  for (int i = 0; i < busy; ++i) snapshot.workers.push_back({pid++, SlotState::kBusy, {}});
  for (int i = 0; i < idle; ++i) snapshot.workers.push_back({pid++, SlotState::kIdle, kNow - idle_for + i * 1ms});
  for (int i = 0; i < starting; ++i) snapshot.workers.push_back({0, SlotState::kStarting, {}});
  return snapshot;
}

std::string refusal(const PmLimits& limits) {
  try {
    validate(limits);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(static_keeps_max_children_and_never_retires) {
  const PmLimits limits{PmMode::kStatic, 4, 0, 0, 0, 10s};
  BOOST_TEST(initial_workers(limits) == 4);
  BOOST_TEST(decide(limits, pool(1, 1)).spawn == 2);
  const PmDecision full = decide(limits, pool(0, 4, 0, 1h));
  BOOST_TEST(full.spawn == 0);
  BOOST_TEST(full.retire.empty());
  BOOST_TEST(!full.held_by_max_children);
  BOOST_TEST(!full.watch_listener);
}

BOOST_AUTO_TEST_CASE(dynamic_grows_to_keep_min_spare_up_to_max_children) {
  const PmLimits limits = dynamic(5, 2, 2, 3);
  BOOST_TEST(initial_workers(limits) == 2);
  BOOST_TEST(decide(limits, pool(2, 0)).spawn == 2);
  BOOST_TEST(decide(limits, pool(2, 1)).spawn == 1);
  // Those starting are spares on their way: the same shortage is not filled twice.
  BOOST_TEST(decide(limits, pool(2, 0, 2)).spawn == 0);
  BOOST_TEST(decide(limits, pool(2, 2)).spawn == 0);
  const PmDecision near = decide(limits, pool(4, 0));
  BOOST_TEST(near.spawn == 1);
  BOOST_TEST(near.held_by_max_children);
  const PmDecision full = decide(limits, pool(5, 0));
  BOOST_TEST(full.spawn == 0);
  BOOST_TEST(full.held_by_max_children);
}

BOOST_AUTO_TEST_CASE(dynamic_shrinks_one_idle_worker_a_second_above_max_spare) {
  const PmLimits limits = dynamic(5, 2, 1, 2);
  PmSnapshot snapshot = pool(0, 5, 0, 30s);
  const PmDecision first = decide(limits, snapshot);
  BOOST_TEST(first.spawn == 0);
  BOOST_TEST_REQUIRE(first.retire.size() == 1u);
  BOOST_TEST(first.retire[0] == 100);  // idle the longest
  snapshot.last_retire = kNow - 500ms;
  BOOST_TEST(decide(limits, snapshot).retire.empty());
  BOOST_TEST(decide(limits, pool(3, 2, 0, 1h)).retire.empty());
  BOOST_TEST(decide(limits, pool(0, 2, 0, 1h)).retire.empty());
}

BOOST_AUTO_TEST_CASE(ondemand_starts_none_and_spawns_when_a_connection_waits) {
  const PmLimits limits = ondemand(3, 2s);
  BOOST_TEST(initial_workers(limits) == 0);
  PmSnapshot empty = pool(0, 0);
  const PmDecision quiet = decide(limits, empty);
  BOOST_TEST(quiet.spawn == 0);
  BOOST_TEST(quiet.watch_listener);
  empty.connections_waiting = true;
  BOOST_TEST(decide(limits, empty).spawn == 1);
  // One on its way, or one free: nothing more, and no need to watch the socket.
  PmSnapshot starting = pool(0, 0, 1);
  starting.connections_waiting = true;
  BOOST_TEST(decide(limits, starting).spawn == 0);
  BOOST_TEST(!decide(limits, starting).watch_listener);
  PmSnapshot one_idle = pool(1, 1);
  one_idle.connections_waiting = true;
  BOOST_TEST(decide(limits, one_idle).spawn == 0);
  PmSnapshot all_busy = pool(2, 0);
  all_busy.connections_waiting = true;
  BOOST_TEST(decide(limits, all_busy).spawn == 1);
  PmSnapshot full = pool(3, 0);
  full.connections_waiting = true;
  const PmDecision held = decide(limits, full);
  BOOST_TEST(held.spawn == 0);
  BOOST_TEST(held.held_by_max_children);
  BOOST_TEST(!held.watch_listener);
}

BOOST_AUTO_TEST_CASE(ondemand_retires_a_worker_idle_past_the_timeout) {
  const PmLimits limits = ondemand(3, 2s);
  BOOST_TEST(decide(limits, pool(1, 2, 0, 1s)).retire.empty());
  const PmDecision out = decide(limits, pool(1, 2, 0, 3s));
  BOOST_TEST_REQUIRE(out.retire.size() == 1u);
  BOOST_TEST(out.retire[0] == 101);
  PmSnapshot paced = pool(0, 2, 0, 3s);
  paced.last_retire = kNow - 200ms;
  BOOST_TEST(decide(limits, paced).retire.empty());
}

BOOST_AUTO_TEST_CASE(the_manager_keeps_idle_times_and_counts_max_children_reached_once_per_stretch) {
  ProcessManager manager(ondemand(2, 2s));
  using W = ProcessManager::Observed;
  auto t = kNow;
  BOOST_TEST(manager.step({{7, SlotState::kIdle, 0}}, false, t).retire.empty());
  // Served a request between two turns: idle again, but not since the first turn.
  BOOST_TEST(manager.step({{7, SlotState::kIdle, 1}}, false, t + 1500ms).retire.empty());
  BOOST_TEST(manager.step({W{7, SlotState::kIdle, 1}}, false, t + 3000ms).retire.empty());
  const PmDecision out = manager.step({W{7, SlotState::kIdle, 1}}, false, t + 3600ms);
  BOOST_TEST_REQUIRE(out.retire.size() == 1u);
  BOOST_TEST(out.retire[0] == 7);

  BOOST_TEST(manager.max_children_reached() == 0u);
  const std::vector<W> full = {{8, SlotState::kBusy, 0}, {9, SlotState::kBusy, 0}};
  manager.step(full, true, t + 5s);
  BOOST_TEST(manager.just_reached_max_children());
  manager.step(full, false, t + 5250ms);
  manager.step(full, true, t + 5500ms);
  BOOST_TEST(!manager.just_reached_max_children());
  BOOST_TEST(manager.max_children_reached() == 1u);
  manager.step({{8, SlotState::kBusy, 0}}, false, t + 6s);  // below max children: the stretch ends
  manager.step(full, true, t + 7s);
  BOOST_TEST(manager.max_children_reached() == 2u);
}

BOOST_AUTO_TEST_CASE(limits_are_checked_as_php_fpm_does) {
  BOOST_TEST(refusal(dynamic(5, 2, 1, 3)).empty());
  BOOST_TEST(refusal(dynamic(5, 2, 3, 2)) ==
             "SHOP_PM_MIN_SPARE_SERVERS (3) must not be greater than SHOP_PM_MAX_SPARE_SERVERS (2)");
  BOOST_TEST(refusal(dynamic(4, 2, 1, 6)) ==
             "SHOP_PM_MAX_SPARE_SERVERS (6) must not be greater than SHOP_PM_MAX_CHILDREN (4)");
  BOOST_TEST(refusal(dynamic(5, 4, 1, 3)) ==
             "SHOP_PM_START_SERVERS (4) must be between SHOP_PM_MIN_SPARE_SERVERS (1) and "
             "SHOP_PM_MAX_SPARE_SERVERS (3)");
  BOOST_TEST(refusal(dynamic(5, 0, 0, 3)).find("SHOP_PM_MIN_SPARE_SERVERS (0) must be at least 1") == 0u);
  BOOST_TEST(refusal({PmMode::kStatic, 0, 0, 0, 0, 10s}).find("SHOP_PM_MAX_CHILDREN (0)") == 0u);
  // Spare settings mean nothing to static and ondemand, as in php-fpm.
  BOOST_TEST(refusal({PmMode::kStatic, 4, 9, 9, 1, 10s}).empty());
  BOOST_TEST(refusal(ondemand(2, 1s)).empty());
  BOOST_TEST(std::string(to_string(pm_mode_from("ondemand"))) == "ondemand");
  BOOST_CHECK_THROW(pm_mode_from("Dynamic"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(the_request_limit_is_max_requests_plus_a_jitter_drawn_per_worker) {
  std::set<std::uint64_t> limits;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const Recycling recycling({100, 20, 0}, seed);
    BOOST_TEST(recycling.request_limit() >= 100u);
    BOOST_TEST(recycling.request_limit() <= 120u);
    limits.insert(recycling.request_limit());
    BOOST_TEST(!recycling.due(recycling.request_limit() - 1).has_value());
    BOOST_TEST(recycling.due(recycling.request_limit()).has_value());
  }
  BOOST_TEST(limits.size() > 10u);  // spread, so workers started together do not leave together
  const Recycling never({0, 20, 0}, 1);
  BOOST_TEST(!never.due(1'000'000).has_value());
  BOOST_TEST(resident_bytes() > 0);
  const Recycling tiny({0, 0, 1}, 1);  // 1 MB: any process is over it
  BOOST_TEST(tiny.due(1).value_or("").find("SHOP_PM_MAX_RSS_MB") != std::string::npos);
}
