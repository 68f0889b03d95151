#include "tests/ops/status_checks.hpp"

#include <stdexcept>

#include "tests/support/env.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/json.hpp"

namespace shop::test {

rapidjson::Document get_status(const std::string& query) {
  HttpClient http(require_env("SHOP_TEST_BASE_URL"));
  const HttpResponse response = http.get("/status" + query);
  if (response.status != 200) {
    throw std::runtime_error("GET /status" + query + ": " + std::to_string(response.status) + " " + response.body);
  }
  return parse_json(response.body);
}

long long status_number(const rapidjson::Value& status, const char* name) {
  const auto found = status.FindMember(name);
  if (found == status.MemberEnd()) throw std::runtime_error(std::string("no \"") + name + "\" in the status");
  if (found->value.IsNull()) return -1;
  return found->value.GetInt64();
}

}  // namespace shop::test
