#include "tests/support/relay_api.hpp"

#include <fcntl.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "tests/support/catalog_api.hpp"
#include "tests/support/env.hpp"
#include "tests/support/json.hpp"
#include "tests/support/names.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/shop_api.hpp"

namespace shop::test {
namespace {

/// A member the list leaves out (or sets to null) when it has no value, like lastError before any failure.
std::optional<std::string> optional_string(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd() || found->value.IsNull()) return std::nullopt;
  if (!found->value.IsString()) throw std::runtime_error(std::string("member \"") + name + "\" is not a string");
  return std::string(found->value.GetString(), found->value.GetStringLength());
}

/// The order id of an event's JSON, or 0 when the text is not such an event.
model::Id order_of_event(const std::string& text) {
  rapidjson::Document event;
  event.Parse(text.data(), text.size());
  if (event.HasParseError() || !event.IsObject()) return 0;
  const auto order = event.FindMember("order");
  if (order == event.MemberEnd() || !order->value.IsObject()) return 0;
  const auto id = order->value.FindMember("orderId");
  if (id == order->value.MemberEnd() || !id->value.IsInt64()) return 0;
  return id->value.GetInt64();
}

ListedEvent read_listed(const rapidjson::Value& item) {
  ListedEvent event;
  event.event_id = json_string(item, "eventId");
  event.type = json_string(item, "type");
  event.status = json_string(item, "status");
  event.attempts = json_int(item, "attempts");
  event.last_error = optional_string(item, "lastError");
  event.next_attempt_at = json_string(item, "nextAttemptAt");
  event.delivered_at = optional_string(item, "deliveredAt");
  const auto& payload = json_object(item, "event");
  rapidjson::StringBuffer text;
  rapidjson::Writer<rapidjson::StringBuffer> writer(text);
  payload.Accept(writer);
  event.event = std::string(text.GetString(), text.GetSize());
  event.order_id = order_of_event(event.event);
  return event;
}

}  // namespace

RelayFixture::RelayFixture() : http(require_env("SHOP_TEST_BASE_URL")) {}

model::Id RelayFixture::product(model::Won price, long long stock) {
  return create_product(http, unique_name("relayed"), price, stock);
}

UserCredentials RelayFixture::buyer(model::Won balance) {
  return create_funded_user(http, unique_name("relay-buyer"), balance);
}

int relay_max_attempts() {
  const char* value = std::getenv("SHOP_TEST_RELAY_MAX_ATTEMPTS");
  if (value == nullptr || *value == '\0') return 4;
  return std::atoi(value);
}

PaidOrder place_and_pay(HttpClient& http, const UserCredentials& user, const std::vector<LineRequest>& lines) {
  const model::Id order_id = place_order_id(http, user, lines);
  const auto paid = pay_order(http, order_id, user);
  expect_status(paid, 201, "POST /api/v1/payments");
  const auto json = parse_json(paid.body);
  return PaidOrder{order_id, user.id, json_int(json, "paymentId"), json_int(json, "amount"),
                   json_string(json, "paidAt")};
}

HttpResponse admin_outbox(HttpClient& http, const std::string& status, int page, int size) {
  return http.send(
      "GET",
      "/api/v1/admin/outbox?status=" + status + "&page=" + std::to_string(page) + "&size=" + std::to_string(size),
      std::nullopt, {admin_authorization()});
}

std::optional<ListedEvent> listed_event(HttpClient& http, const std::string& status, model::Id order_id) {
  for (int page = 1; page <= 20; ++page) {
    const auto response = admin_outbox(http, status, page);
    expect_status(response, 200, "GET /api/v1/admin/outbox");
    const auto json = parse_json(response.body);
    const auto& items = json_array(json, "items");
    for (const auto& item : items.GetArray()) {
      ListedEvent event = read_listed(item);
      if (event.order_id == order_id) return event;
    }
    if (items.Size() < 100) break;
  }
  return std::nullopt;
}

std::optional<ListedEvent> wait_for_listed(HttpClient& http, const std::string& status, model::Id order_id,
                                           std::chrono::milliseconds limit) {
  std::optional<ListedEvent> listed;
  wait_until(limit, [&] {
    listed = listed_event(http, status, order_id);
    return listed.has_value();
  });
  return listed;
}

long long outbox_count(HttpClient& http, const std::string& status) {
  const auto response = admin_outbox(http, status, 1, 1);
  expect_status(response, 200, "GET /api/v1/admin/outbox");
  return json_int(parse_json(response.body), "totalCount");
}

HttpResponse retry_event(HttpClient& http, const std::string& event_id, bool with_token) {
  std::vector<std::string> headers;
  if (with_token) headers.push_back(admin_authorization());
  return http.send("POST", "/api/v1/admin/outbox/" + event_id + "/retry", std::string(), headers);
}

std::vector<ReceivedRequest> requests_for(const Receiver& receiver, model::Id order_id) {
  std::vector<ReceivedRequest> found;
  for (auto& request : receiver.requests()) {
    if (order_of_event(request.body) == order_id) found.push_back(std::move(request));
  }
  return found;
}

bool all_answered_ok(const Receiver& receiver, const std::vector<PaidOrder>& orders) {
  const auto requests = receiver.requests();
  return std::all_of(orders.begin(), orders.end(), [&](const PaidOrder& order) {
    return std::any_of(requests.begin(), requests.end(), [&](const ReceivedRequest& request) {
      return request.answered == 200 && order_of_event(request.body) == order.order_id;
    });
  });
}

bool all_listed_delivered(HttpClient& http, const std::vector<PaidOrder>& orders) {
  return std::all_of(orders.begin(), orders.end(), [&](const PaidOrder& order) {
    return listed_event(http, "DELIVERED", order.order_id).has_value();
  });
}

bool drain_outbox(HttpClient& http, Receiver& receiver, std::chrono::milliseconds limit) {
  receiver.start();
  receiver.answer_ok();
  return wait_until(limit, [&] { return outbox_count(http, "PENDING") == 0; });
}

std::optional<pid_t> relay_pid() {
  return relay_pid(require_env("SHOP_TEST_POOL_LOG"), pool_master_pid());
}

std::optional<pid_t> relay_pid(const std::string& log_path, pid_t master) {
  std::ifstream in(log_path);
  if (!in) throw std::runtime_error("cannot read the pool log " + log_path);
  std::optional<pid_t> newest;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("outbox relay ready") == std::string::npos) continue;
    const auto at = line.find(" pid=");
    if (at == std::string::npos) continue;
    newest = static_cast<pid_t>(std::stol(line.substr(at + 5)));
  }
  if (!newest) return std::nullopt;
  const auto children = children_of(master);
  if (std::find(children.begin(), children.end(), *newest) == children.end()) return std::nullopt;
  return newest;
}

SecondPool::SecondPool() {
  const std::string bin = require_env("SHOP_TEST_SHOP_BIN");
  const std::string database_url = require_env("SHOP_TEST_DATABASE_URL");
  const std::string platform_url = "http://127.0.0.1:" + require_env("SHOP_TEST_RECEIVER_PORT") + "/events";
  const std::string attempts = std::to_string(relay_max_attempts());
  dir_ = require_env("SHOP_TEST_TMP_DIR") + "/second-pool-" + std::to_string(::getpid());
  log_ = dir_ + "/shop.log";
  const std::string socket = dir_ + "/shop.sock";
  const std::string pid_file = dir_ + "/shop.pid";
  if (::mkdir(dir_.c_str(), 0755) != 0 && errno != EEXIST) {
    throw std::runtime_error("cannot make " + dir_ + ": " + std::strerror(errno));
  }
  const int log_fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) throw std::runtime_error("cannot open " + log_ + ": " + std::strerror(errno));
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log_fd);
    throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlives a test that crashed
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    ::setenv("SHOP_DATABASE_URL", database_url.c_str(), 1);
    ::setenv("SHOP_DATA_PLATFORM_URL", platform_url.c_str(), 1);
    ::setenv("SHOP_RELAY_MAX_ATTEMPTS", attempts.c_str(), 1);
    ::setenv("SHOP_WORKERS", "1", 1);
    ::setenv("SHOP_ADMIN_TOKEN", "second-pool-token-not-used", 1);
    ::execl(bin.c_str(), bin.c_str(), "--socket", socket.c_str(), "--pid-file", pid_file.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(log_fd);
  master_ = pid;
  if (!wait_until(std::chrono::seconds(30), [&] { return relay_pid(log_, master_).has_value(); })) {
    throw std::runtime_error("the second pool has no relay after 30 s; its log is " + log_);
  }
}

SecondPool::~SecondPool() {
  if (master_ <= 0) return;
  ::kill(master_, SIGTERM);
  int status = 0;
  const bool stopped = wait_until(std::chrono::seconds(15), [&] { return ::waitpid(master_, &status, WNOHANG) != 0; });
  if (!stopped) {
    ::kill(master_, SIGKILL);
    ::waitpid(master_, &status, 0);
  }
}

}  // namespace shop::test
