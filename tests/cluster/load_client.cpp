#include "tests/cluster/load_client.hpp"

#include <cstdio>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "tests/support/catalog_api.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/idempotency_api.hpp"
#include "tests/support/json.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/shop_api.hpp"

namespace shop::test::cluster {

namespace {

// A request caught by a dead host is given up on after this and sent again: far below a write's deadline, far
// above a healthy answer.
constexpr std::chrono::seconds kRequestTimeout{3};
constexpr std::chrono::milliseconds kRetryPause{200};

long long wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class Client {
 public:
  Client(const LoadPlan& plan, int index, const UserCredentials& user, const std::string& ack_file)
      : plan_(plan), index_(index), user_(user), http_(plan.base_url, kRequestTimeout), acks_(ack_file) {
    if (!acks_) throw std::runtime_error("cannot write " + ack_file);
  }

  LoadCounts run() {
    for (long long step = 0; std::chrono::steady_clock::now() < plan_.stop_sending; ++step) {
      // Amounts distinct within the user: a ledger line tells which charge wrote it.
      charge(100'000 + step);
      if (const auto order = place(plan_.products[static_cast<std::size_t>(step) % plan_.products.size()])) pay(*order);
      read();
    }
    return counts_;
  }

 private:
  // The answer of the keyed write, when it came (2xx); counts what it went through.
  std::optional<HttpResponse> write(const std::string& path, const std::string& body, const std::string& key) {
    start_ms_ = wall_ms();
    const auto deadline = std::chrono::steady_clock::now() + plan_.write_deadline;
    const auto call =
        send_until_answered(http_, "POST", path, body, key, kRetryPause, deadline, {authorization(user_.token)});
    counts_.retries += call.server_errors + call.transport_errors + call.in_use;
    if (!call.answer) {
      ++counts_.abandoned;
      return std::nullopt;
    }
    if (call.answer->status >= 300) {
      ++counts_.rejected;
      std::fprintf(stderr, "client %d: %s answered %ld %s\n", index_, path.c_str(), call.answer->status,
                   call.answer->body.c_str());
      return std::nullopt;
    }
    ++counts_.acknowledged;
    return call.answer;
  }

  std::string key(const char* kind) {
    return plan_.run_id + "-" + std::to_string(index_) + "-" + kind + "-" + std::to_string(++keys_);
  }

  // The fields after the kind's "<userId> <key>": "<startMs> <ackMs> <fields>" of the write just answered.
  void record(const char* kind, const std::string& key, const std::string& fields) {
    acks_ << kind << '\t' << user_.id << '\t' << key << '\t' << start_ms_ << '\t' << wall_ms() << '\t' << fields
          << '\n';
    acks_.flush();  // a client killed by its deadline still leaves what it acknowledged
  }

  void charge(long long amount) {
    const auto k = key("charge");
    if (write(user_path(user_.id, "/balance/charge"), "{\"amount\":" + std::to_string(amount) + "}", k)) {
      record("charge", k, std::to_string(amount));
    }
  }

  std::optional<model::Id> place(model::Id product) {
    const auto k = key("order");
    const auto answer = write("/api/v1/orders", order_body(user_.id, {{product, 1}}), k);
    if (!answer) return std::nullopt;
    const auto order = json_int(parse_json(answer->body), "orderId");
    record("order", k, std::to_string(order));
    return order;
  }

  void pay(model::Id order) {
    const auto k = key("payment");
    const auto answer = write("/api/v1/payments", payment_body(order, user_.id), k);
    if (!answer) return;
    const auto payment = json_int(parse_json(answer->body), "paymentId");
    record("payment", k, std::to_string(order) + "\t" + std::to_string(payment));
  }

  void read() {
    for (const auto& path : {product_path(plan_.products.front()), user_path(user_.id, "/balance")}) {
      try {
        const auto answer = http_.get(path, {authorization(user_.token)});
        ++(answer.status == 200 ? counts_.reads : counts_.failed_reads);
      } catch (const std::runtime_error&) {
        ++counts_.failed_reads;
      }
    }
  }

  const LoadPlan& plan_;
  int index_;
  UserCredentials user_;
  HttpClient http_;
  std::ofstream acks_;
  long long keys_ = 0;
  long long start_ms_ = 0;  ///< when the write in hand was first sent
  LoadCounts counts_;
};

}  // namespace

LoadCounts run_client(const LoadPlan& plan, int index, const UserCredentials& user, const std::string& ack_file) {
  return Client(plan, index, user, ack_file).run();
}

}  // namespace shop::test::cluster
