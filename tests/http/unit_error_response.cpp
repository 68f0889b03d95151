// The error table: every ErrorCode and HttpError renders the status, code and Korean message of API.md's
// "Conventions"; "field" appears only when an INVALID_REQUEST names one; a 401 and a key in use carry the
// one header that tells the client what to do (WWW-Authenticate, Retry-After), other errors none.
#include <boost/test/unit_test.hpp>
#include <string>
#include <utility>
#include <vector>

#include "fcgi/errors/error_response.hpp"
#include "tests/support/checks.hpp"

using shop::fcgi::error_response;
using shop::fcgi::HttpError;
using shop::model::ErrorCode;
using shop::test::check_error_body;
using shop::test::contract_error;

namespace {

const std::pair<ErrorCode, const char*> kDomainCodes[] = {
    {ErrorCode::kInvalidRequest, "INVALID_REQUEST"},
    {ErrorCode::kUnauthorized, "UNAUTHORIZED"},
    {ErrorCode::kInvalidCredentials, "INVALID_CREDENTIALS"},
    {ErrorCode::kForbidden, "FORBIDDEN"},
    {ErrorCode::kUserNotFound, "USER_NOT_FOUND"},
    {ErrorCode::kProductNotFound, "PRODUCT_NOT_FOUND"},
    {ErrorCode::kOrderNotFound, "ORDER_NOT_FOUND"},
    {ErrorCode::kOutOfStock, "OUT_OF_STOCK"},
    {ErrorCode::kInsufficientBalance, "INSUFFICIENT_BALANCE"},
    {ErrorCode::kBalanceLimitExceeded, "BALANCE_LIMIT_EXCEEDED"},
    {ErrorCode::kOrderNotPayable, "ORDER_NOT_PAYABLE"},
    {ErrorCode::kOrderNotCancellable, "ORDER_NOT_CANCELLABLE"},
    {ErrorCode::kNameTaken, "NAME_TAKEN"},
    {ErrorCode::kIdempotencyKeyInUse, "IDEMPOTENCY_KEY_IN_USE"},
    {ErrorCode::kIdempotencyKeyReused, "IDEMPOTENCY_KEY_REUSED"},
};

using Headers = std::vector<std::pair<std::string, std::string>>;

Headers expected_headers(ErrorCode code) {
  if (code == ErrorCode::kUnauthorized) return {{"WWW-Authenticate", "Bearer"}};
  if (code == ErrorCode::kIdempotencyKeyInUse) return {{"Retry-After", "1"}};
  return {};
}

const std::pair<HttpError, const char*> kHttpErrors[] = {
    {HttpError::kNotFound, "NOT_FOUND"},
    {HttpError::kMethodNotAllowed, "METHOD_NOT_ALLOWED"},
    {HttpError::kPayloadTooLarge, "PAYLOAD_TOO_LARGE"},
    {HttpError::kInternal, "INTERNAL_ERROR"},
    {HttpError::kUnavailable, "SERVICE_UNAVAILABLE"},
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_domain_code_maps_to_its_row_of_the_table) {
  for (const auto& [code, name] : kDomainCodes) {
    BOOST_TEST_CONTEXT(name) {
      const auto response = error_response(code);
      BOOST_TEST(response.status == contract_error(name).status);
      BOOST_TEST((response.headers == expected_headers(code)));
      check_error_body(response.body, name);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_front_error_maps_to_its_row_of_the_table) {
  for (const auto& [error, name] : kHttpErrors) {
    BOOST_TEST_CONTEXT(name) {
      const auto response = error_response(error);
      BOOST_TEST(response.status == contract_error(name).status);
      check_error_body(response.body, name);
    }
  }
}

BOOST_AUTO_TEST_CASE(code_name_spells_each_code_as_the_contract_does) {
  for (const auto& [code, name] : kDomainCodes) {
    BOOST_TEST(std::string(shop::model::code_name(code)) == name);
  }
}

BOOST_AUTO_TEST_CASE(invalid_request_names_the_offending_field) {
  const auto response = error_response(ErrorCode::kInvalidRequest, "amount");
  BOOST_TEST(response.status == 400);
  check_error_body(response.body, "INVALID_REQUEST", std::string("amount"));
}

BOOST_AUTO_TEST_CASE(invalid_request_without_a_field_has_no_field_member) {
  check_error_body(error_response(ErrorCode::kInvalidRequest).body, "INVALID_REQUEST");
  check_error_body(error_response(ErrorCode::kInvalidRequest, "").body, "INVALID_REQUEST");
}

BOOST_AUTO_TEST_CASE(a_domain_error_carries_its_code_and_field) {
  const shop::model::DomainError error(ErrorCode::kInvalidRequest, "userId");
  BOOST_TEST(std::string(error.what()) == "INVALID_REQUEST");
  BOOST_TEST(error.field() == "userId");
  BOOST_TEST(shop::model::DomainError(ErrorCode::kUserNotFound).field().empty());
}

BOOST_AUTO_TEST_CASE(every_status_the_api_sends_has_its_reason_phrase) {
  const std::pair<int, const char*> phrases[] = {
      {200, "OK"},
      {201, "Created"},
      {204, "No Content"},
      {400, "Bad Request"},
      {401, "Unauthorized"},
      {403, "Forbidden"},
      {404, "Not Found"},
      {405, "Method Not Allowed"},
      {409, "Conflict"},
      {413, "Payload Too Large"},
      {422, "Unprocessable Content"},
      {429, "Too Many Requests"},
      {500, "Internal Server Error"},
      {503, "Service Unavailable"},
      {504, "Gateway Timeout"},
  };
  for (const auto& [status, phrase] : phrases) {
    BOOST_TEST(std::string(shop::fcgi::reason_phrase(status)) == phrase, status);
  }
}
