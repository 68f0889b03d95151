// The scoreboard's seqlock across processes: a child rewrites its slot as fast as it can while the parent reads
// it; every copy the parent gets is whole (request id, method and path from the same write), and the served
// count never goes back.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstring>
#include <string>

#include "fcgi/pool/scoreboard.hpp"

using namespace shop::fcgi;

BOOST_AUTO_TEST_CASE(a_reader_never_sees_a_torn_slot) {
  Scoreboard scoreboard(4);
  const auto slot = scoreboard.claim("worker");
  BOOST_TEST_REQUIRE(slot.has_value());
  const pid_t child = ::fork();
  BOOST_TEST_REQUIRE(child >= 0);
  if (child == 0) {
    scoreboard.adopt(*slot);
    for (int i = 0; i < 200'000; ++i) {
      const std::string n = std::to_string(i);
      mark_busy("rid-" + n, "M" + n, "/path/" + n + std::string(static_cast<std::size_t>(i % 100), 'x'));
      if (i % 1000 == 0) mark_served();
    }
    mark_served();
    ::_exit(0);
  }
  long long reads = 0, torn = 0, backwards = 0, busy = 0;
  std::uint64_t last_served = 0;
  int status = 0;
  while (::waitpid(child, &status, WNOHANG) == 0) {
    const auto view = scoreboard.read(*slot);
    if (!view) continue;
    ++reads;
    if (view->served < last_served) ++backwards;
    last_served = view->served;
    if (view->current.request_id[0] == '\0') continue;  // before the first write
    busy += view->state == SlotState::kBusy ? 1 : 0;
    const std::string n = std::string(view->current.request_id).substr(4);
    const std::string expected_path = "/path/" + n + std::string(static_cast<std::size_t>(std::stoi(n) % 100), 'x');
    if (std::string(view->current.method) != "M" + n || std::string(view->current.path) != expected_path) ++torn;
  }
  BOOST_TEST_MESSAGE(reads << " reads, " << busy << " while busy");
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(reads > 0);
  BOOST_TEST(torn == 0);
  BOOST_TEST(backwards == 0);
  const auto last = scoreboard.read(*slot);
  BOOST_TEST_REQUIRE(last.has_value());
  BOOST_TEST(last->served == 201u);
  BOOST_TEST(last->pid == child);
  BOOST_TEST((last->state == SlotState::kIdle));
}

BOOST_AUTO_TEST_CASE(slots_are_claimed_until_full_and_released_for_reuse) {
  Scoreboard scoreboard(2);
  const auto first = scoreboard.claim("worker");
  const auto second = scoreboard.claim("sweeper");
  BOOST_TEST_REQUIRE((first && second));
  BOOST_TEST(!scoreboard.claim("worker").has_value());
  BOOST_TEST(std::string(scoreboard.read(*second)->role) == "sweeper");
  BOOST_TEST((scoreboard.read(*second)->state == SlotState::kStarting));
  scoreboard.release(*first);
  BOOST_TEST((scoreboard.read(*first)->state == SlotState::kFree));
  BOOST_TEST((scoreboard.claim("relay") == first));
}
