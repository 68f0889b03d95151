// cluster_receiver ADDRESS PORT OUT_FILE: the data platform of scripts/test-cluster, listening on ADDRESS:PORT
// (tests/support/receiver.hpp, answering 200). Every request it reads becomes a line of OUT_FILE, written
// within 200 ms: eventId, orderId (0 when the body is no order event), the Idempotency-Key header, tab-separated.
// Runs until SIGTERM or SIGINT.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include "tests/support/json.hpp"
#include "tests/support/receiver.hpp"

namespace {

volatile std::sig_atomic_t stopping = 0;

void stop(int) {
  stopping = 1;
}

std::string line_of(const shop::test::ReceivedRequest& request) {
  std::string event_id = "-";
  long long order_id = 0;
  try {
    const auto event = shop::test::parse_json(request.body);
    event_id = shop::test::json_string(event, "eventId");
    order_id = shop::test::json_int(shop::test::json_object(event, "order"), "orderId");
  } catch (const std::exception&) {
    // Not an order event: written down as such, so that the checks see it.
  }
  return event_id + "\t" + std::to_string(order_id) + "\t" + request.header("Idempotency-Key").value_or("-");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fputs("usage: cluster_receiver ADDRESS PORT OUT_FILE\n", stderr);
    return 2;
  }
  std::signal(SIGTERM, stop);
  std::signal(SIGINT, stop);
  shop::test::Receiver receiver(std::stoi(argv[2]), argv[1]);
  receiver.answer_ok();
  receiver.start();
  std::ofstream out(argv[3]);
  std::size_t written = 0;
  while (true) {
    const bool last = stopping != 0;
    const auto requests = receiver.requests();
    for (; written < requests.size(); ++written) out << line_of(requests[written]) << '\n';
    out.flush();
    if (last) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  receiver.stop();
  return 0;
}
