#pragma once

#include <string_view>

#include "fcgi/http/response.hpp"
#include "model/domain_error.hpp"

namespace shop::fcgi {

/// Failures the front itself reports, beside the model's ErrorCode.
enum class HttpError { kNotFound, kMethodNotAllowed, kPayloadTooLarge, kInternal, kUnavailable };

/// The contract's error body for a domain failure, with its status ("field" for INVALID_REQUEST).
Response error_response(model::ErrorCode code, std::string_view field = {});
Response error_response(HttpError error);

}  // namespace shop::fcgi
