#pragma once

// Assertions shared by the test executables (Boost.Test; header only, so the support library does not
// depend on it). The error table is API.md's "Conventions", written out again here on purpose: the tests
// hold the contract, the code must match it.

#include <boost/test/unit_test.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "tests/support/http_client.hpp"
#include "tests/support/json.hpp"

namespace shop::test {

struct ContractError {
  long status;
  const char* code;
  const char* message;
};

/// API.md "Conventions", row by row.
inline constexpr ContractError kContractErrors[] = {
    {400, "INVALID_REQUEST", "잘못된 요청 입니다."},
    {401, "UNAUTHORIZED", "인증이 필요합니다."},
    {404, "USER_NOT_FOUND", "존재하지 않는 유저 입니다."},
    {404, "PRODUCT_NOT_FOUND", "존재하지 않는 상품 입니다."},
    {404, "ORDER_NOT_FOUND", "주문 정보가 없습니다."},
    {404, "NOT_FOUND", "요청한 경로가 없습니다."},
    {405, "METHOD_NOT_ALLOWED", "허용되지 않는 메서드 입니다."},
    {409, "OUT_OF_STOCK", "재고가 없습니다."},
    {409, "INSUFFICIENT_BALANCE", "잔액 부족 입니다."},
    {409, "BALANCE_LIMIT_EXCEEDED", "최대 보유 잔액을 초과합니다."},
    {409, "ORDER_NOT_PAYABLE", "주문이 취소 되었거나, 결제할 수 없는 주문 입니다."},
    {409, "ORDER_NOT_CANCELLABLE", "취소할 수 없는 주문 입니다."},
    {409, "IDEMPOTENCY_KEY_IN_USE", "같은 멱등 키로 처리 중인 요청이 있습니다."},
    {422, "IDEMPOTENCY_KEY_REUSED", "멱등 키가 다른 요청에 사용되었습니다."},
    {413, "PAYLOAD_TOO_LARGE", "요청 본문이 너무 큽니다."},
    {429, "TOO_MANY_REQUESTS", "요청이 너무 많습니다. 잠시 후 다시 시도해 주세요."},
    {500, "INTERNAL_ERROR", "서버 오류 입니다."},
    {503, "SERVICE_UNAVAILABLE", "잠시 후 다시 시도해 주세요."},
};

inline const ContractError& contract_error(std::string_view code) {
  for (const auto& row : kContractErrors) {
    if (row.code == code) return row;
  }
  throw std::runtime_error("no such code in API.md: " + std::string(code));
}

/// An error body as the contract has it: {"error": {"code", "message"[, "field"]}} and nothing else, with
/// the table's message for `code`; "field" exactly when `field` is given.
inline void check_error_body(std::string_view body, std::string_view code,
                             const std::optional<std::string>& field = std::nullopt) {
  const auto json = parse_json(body);
  BOOST_TEST_REQUIRE(json.IsObject(), body);
  BOOST_TEST(json.MemberCount() == 1u, body);
  const auto& error = json_object(json, "error");
  BOOST_TEST(json_string(error, "code") == code, body);
  BOOST_TEST(json_string(error, "message") == contract_error(code).message, body);
  if (field) {
    BOOST_TEST(json_has(error, "field"), body);
    if (json_has(error, "field")) BOOST_TEST(json_string(error, "field") == *field, body);
    BOOST_TEST(error.MemberCount() == 3u, body);
  } else {
    BOOST_TEST(!json_has(error, "field"), body);
    BOOST_TEST(error.MemberCount() == 2u, body);
  }
}

/// What every answer carries: the JSON Content-Type and exactly one non-empty X-Request-Id.
inline void check_contract_headers(const HttpResponse& response) {
  BOOST_TEST(response.header("Content-Type").value_or("<none>") == "application/json; charset=utf-8");
  BOOST_TEST(response.header_count("X-Request-Id") == 1);
  BOOST_TEST(!response.header("X-Request-Id").value_or("").empty());
}

/// An error answer: the table's status for `code`, the contract's headers and body.
inline void check_error(const HttpResponse& response, std::string_view code,
                        const std::optional<std::string>& field = std::nullopt) {
  BOOST_TEST(response.status == contract_error(code).status, response.body);
  check_contract_headers(response);
  check_error_body(response.body, code, field);
}

}  // namespace shop::test
