#pragma once
// One client process of the cluster load: a user of its own, doing keyed writes (a charge, an order of one
// product, its payment) and reads through nginx until its deadline, each write retried with the same
// Idempotency-Key on a 5xx or a timeout (bounded), every acknowledged write written to its file.
#include <chrono>
#include <string>
#include <vector>

#include "model/types.hpp"
#include "tests/support/credentials.hpp"

namespace shop::test::cluster {

struct LoadPlan {
  std::string base_url;
  std::string run_id;                                  ///< in every key: keys of one run differ from any other run's
  std::vector<model::Id> products;                     ///< ordered one unit at a time, round robin
  std::chrono::steady_clock::time_point stop_sending;  ///< no new write starts after it
  std::chrono::seconds write_deadline;                 ///< how long one write is retried at most
};

/// Counts of one client, for the summary line.
struct LoadCounts {
  long long acknowledged = 0;  ///< 2xx writes
  long long rejected = 0;      ///< 4xx writes (none expected)
  long long abandoned = 0;     ///< writes still unanswered at their deadline
  long long retries = 0;       ///< 5xx, 409 in use and transport failures, each sent again
  long long reads = 0;         ///< reads answered 200
  long long failed_reads = 0;  ///< reads answered otherwise (not retried: a read changes nothing)
};

/// Runs client `index` as `user`; appends one line per acknowledged write to `ack_file`:
///   charge  <userId> <key> <startMs> <ackMs> <amount>
///   order   <userId> <key> <startMs> <ackMs> <orderId>
///   payment <userId> <key> <startMs> <ackMs> <orderId> <paymentId>
/// (tab-separated; startMs, ackMs: the wall clock, ms since the epoch, when the write was first sent and when its
/// answer came).
LoadCounts run_client(const LoadPlan& plan, int index, const UserCredentials& user, const std::string& ack_file);

}  // namespace shop::test::cluster
