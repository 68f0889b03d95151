#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>

namespace shop::test {

/// Parses a response body; throws std::runtime_error quoting the body when it is not JSON.
rapidjson::Document parse_json(std::string_view text);

/// Members read strictly: a missing member or one of another type throws std::runtime_error naming it.
long long json_int(const rapidjson::Value& object, const char* name);
std::string json_string(const rapidjson::Value& object, const char* name);
const rapidjson::Value& json_array(const rapidjson::Value& object, const char* name);
const rapidjson::Value& json_object(const rapidjson::Value& object, const char* name);
bool json_has(const rapidjson::Value& object, const char* name);

/// An error answer's code ({"error": {"code"}}), or "" when the body has none (for counting outcomes).
std::string error_code_of(std::string_view body);

}  // namespace shop::test
