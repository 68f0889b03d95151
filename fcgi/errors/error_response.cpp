#include "fcgi/errors/error_response.hpp"

#include "fcgi/json/json_writer.hpp"

namespace shop::fcgi {
namespace {

/// One row of API.md's error table. Domain codes are named by model::code_name; only the front's own
/// failures are named here.
struct ErrorRow {
  int status;
  const char* code;
  const char* message;
};

ErrorRow row_of(model::ErrorCode code) {
  using model::ErrorCode;
  const auto row = [code](int status, const char* message) {
    return ErrorRow{status, model::code_name(code), message};
  };
  switch (code) {
    case ErrorCode::kInvalidRequest:
      return row(400, "잘못된 요청 입니다.");
    case ErrorCode::kUnauthorized:
      return row(401, "인증이 필요합니다.");
    case ErrorCode::kInvalidCredentials:
      return row(401, "이름 또는 비밀번호가 올바르지 않습니다.");
    case ErrorCode::kForbidden:
      return row(403, "권한이 없습니다.");
    case ErrorCode::kNameTaken:
      return row(409, "이미 사용 중인 이름 입니다.");
    case ErrorCode::kUserNotFound:
      return row(404, "존재하지 않는 유저 입니다.");
    case ErrorCode::kProductNotFound:
      return row(404, "존재하지 않는 상품 입니다.");
    case ErrorCode::kOrderNotFound:
      return row(404, "주문 정보가 없습니다.");
    case ErrorCode::kOutOfStock:
      return row(409, "재고가 없습니다.");
    case ErrorCode::kInsufficientBalance:
      return row(409, "잔액 부족 입니다.");
    case ErrorCode::kBalanceLimitExceeded:
      return row(409, "최대 보유 잔액을 초과합니다.");
    case ErrorCode::kOrderNotPayable:
      return row(409, "주문이 취소 되었거나, 결제할 수 없는 주문 입니다.");
    case ErrorCode::kOrderNotCancellable:
      return row(409, "취소할 수 없는 주문 입니다.");
    case ErrorCode::kEventNotFound:
      return row(404, "존재하지 않는 이벤트 입니다.");
    case ErrorCode::kEventNotRetryable:
      return row(409, "재시도할 수 없는 이벤트 입니다.");
    case ErrorCode::kIdempotencyKeyInUse:
      return row(409, "같은 멱등 키로 처리 중인 요청이 있습니다.");
    case ErrorCode::kIdempotencyKeyReused:
      return row(422, "멱등 키가 다른 요청에 사용되었습니다.");
  }
  return {500, "INTERNAL_ERROR", "서버 오류 입니다."};
}

ErrorRow row_of(HttpError error) {
  switch (error) {
    case HttpError::kNotFound:
      return {404, "NOT_FOUND", "요청한 경로가 없습니다."};
    case HttpError::kMethodNotAllowed:
      return {405, "METHOD_NOT_ALLOWED", "허용되지 않는 메서드 입니다."};
    case HttpError::kPayloadTooLarge:
      return {413, "PAYLOAD_TOO_LARGE", "요청 본문이 너무 큽니다."};
    case HttpError::kUnavailable:
      return {503, "SERVICE_UNAVAILABLE", "잠시 후 다시 시도해 주세요."};
    case HttpError::kInternal:
      break;
  }
  return {500, "INTERNAL_ERROR", "서버 오류 입니다."};
}

Response render(const ErrorRow& row, std::string_view field) {
  JsonWriter json;
  json.begin_object().key("error").begin_object().field("code", row.code).field("message", row.message);
  if (!field.empty()) json.field("field", field);
  json.end_object().end_object();
  return Response{row.status, json.str(), {}};
}

}  // namespace

Response error_response(model::ErrorCode code, std::string_view field) {
  // Only INVALID_REQUEST names a field (API.md).
  Response response = render(row_of(code), code == model::ErrorCode::kInvalidRequest ? field : std::string_view{});
  if (code == model::ErrorCode::kUnauthorized) response.headers.emplace_back("WWW-Authenticate", "Bearer");
  // The first request with the key will have finished by then, and the retry gets its answer.
  if (code == model::ErrorCode::kIdempotencyKeyInUse) response.headers.emplace_back("Retry-After", "1");
  return response;
}

Response error_response(HttpError error) {
  Response response = render(row_of(error), {});
  // The same hint nginx gives with its own 503: workers reconnect by themselves, so a retry soon is right.
  if (error == HttpError::kUnavailable) response.headers.emplace_back("Retry-After", "1");
  return response;
}

}  // namespace shop::fcgi
