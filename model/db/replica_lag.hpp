#pragma once

#include <soci/soci.h>

#include <chrono>

namespace shop::model {

/// The replay lag of the server a session is connected to (0 on a primary), prepared once per connection.
class ReplicaLagProbe {
 public:
  explicit ReplicaLagProbe(soci::session& sql);
  ReplicaLagProbe(const ReplicaLagProbe&) = delete;
  ReplicaLagProbe& operator=(const ReplicaLagProbe&) = delete;

  /// One round trip; run it through Database::autocommit.
  std::chrono::milliseconds measure();

 private:
  long long lag_ms_ = 0;
  soci::statement query_;
};

}  // namespace shop::model
