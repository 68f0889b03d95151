// cluster_load BASE_URL OUT_DIR PROCESSES SECONDS: the load of scripts/test-cluster, through nginx at BASE_URL
// (SHOP_TEST_ADMIN_TOKEN: the pools' admin token, to make the products). Makes the products (OUT_DIR/products.tsv:
// id, initial stock) and one user per client, then runs PROCESSES clients (tests/cluster/load_client.hpp) that
// start writes for SECONDS; each writes its acknowledged writes to OUT_DIR/acks-N.tsv. Exits 0 when every client
// ran to its end and every write was answered 2xx within its deadline (retries included): a 4xx, or a write still
// failing after 30 s, means the failover did not go as it should. Whether acknowledged writes were kept is for
// the script's checks.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>

#include "tests/cluster/load_client.hpp"
#include "tests/support/catalog_api.hpp"
#include "tests/support/names.hpp"
#include "tests/support/processes.hpp"
#include "tests/support/shop_api.hpp"

namespace {

using namespace shop::test;

constexpr long long kInitialStock = 1'000'000;
constexpr int kProducts = 3;
// After the last write starts, how long it may still be retried; the parent waits that plus a margin.
constexpr std::chrono::seconds kWriteDeadline{30};

int usage() {
  std::fputs("usage: cluster_load BASE_URL OUT_DIR PROCESSES SECONDS\n", stderr);
  return 2;
}

std::string random_run_id() {
  std::random_device device;
  return std::to_string(device()) + "x" + std::to_string(::getpid());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) return usage();
  const std::string base_url = argv[1];
  const std::string out_dir = argv[2];
  const int processes = std::stoi(argv[3]);
  const int seconds = std::stoi(argv[4]);
  if (processes < 1 || processes > 64 || seconds < 1 || seconds > 600) return usage();

  HttpClient http(base_url, std::chrono::seconds(10));
  cluster::LoadPlan plan{base_url, random_run_id(), {}, {}, kWriteDeadline};
  std::ofstream products(out_dir + "/products.tsv");
  for (int i = 0; i < kProducts; ++i) {
    const auto id = create_product(http, unique_name("cluster"), 1000 * (i + 1), kInitialStock);
    plan.products.push_back(id);
    products << id << '\t' << kInitialStock << '\n';
  }
  products.close();
  std::vector<UserCredentials> users;
  for (int i = 0; i < processes; ++i) users.push_back(create_user(http, unique_name("cluster")));

  plan.stop_sending = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  SharedArray<std::atomic<long long>> totals(6);
  ProcessGroup group;
  group.start(processes, [&](int index) {
    const auto counts = cluster::run_client(plan, index, users[static_cast<std::size_t>(index)],
                                            out_dir + "/acks-" + std::to_string(index) + ".tsv");
    totals[0] += counts.acknowledged;
    totals[1] += counts.rejected;
    totals[2] += counts.abandoned;
    totals[3] += counts.retries;
    totals[4] += counts.reads;
    totals[5] += counts.failed_reads;
    return 0;
  });
  const auto codes = group.wait(std::chrono::seconds(seconds) + kWriteDeadline + std::chrono::seconds(15));
  int failed = 0;
  for (const int code : codes) failed += code != 0;
  std::printf(
      "cluster_load: %d clients (%d failed): %lld writes acknowledged, %lld rejected, %lld abandoned at their "
      "deadline, %lld retries; %lld reads answered, %lld not\n",
      processes, failed, totals[0].load(), totals[1].load(), totals[2].load(), totals[3].load(), totals[4].load(),
      totals[5].load());
  return failed == 0 && totals[1].load() == 0 && totals[2].load() == 0 ? 0 : 1;
}
