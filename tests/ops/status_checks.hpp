#pragma once

#include <rapidjson/document.h>

#include <string>

namespace shop::test {

/// GET /status`query` through nginx from 127.0.0.1 (SHOP_TEST_BASE_URL), its JSON parsed; throws when the answer
/// is not a 200 with a JSON body.
rapidjson::Document get_status(const std::string& query = "");

/// The status's number `name` ("accepted conn", ...), -1 when it is null.
long long status_number(const rapidjson::Value& status, const char* name);

}  // namespace shop::test
