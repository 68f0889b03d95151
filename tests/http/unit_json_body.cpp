// JsonBody: request bodies are parsed strictly (API.md "Conventions"): a JSON object in valid UTF-8, nested
// at most 16 deep, no object naming a member twice; integers are integers in range; names are 1..50 characters
// without control characters.
#include <boost/test/unit_test.hpp>
#include <string>

#include "fcgi/json/json_body.hpp"
#include "model/limits.hpp"
#include "tests/support/domain_checks.hpp"
#include "tests/support/text.hpp"

using namespace std::string_literals;
using shop::fcgi::JsonBody;
using shop::test::check_domain_error;
using shop::test::repeat;
namespace limits = shop::model::limits;

namespace {

long long amount_of(const std::string& body) {
  return JsonBody::parse(body).require_int("amount", limits::kMinCharge, limits::kMaxCharge);
}

std::string name_of(const std::string& body) {
  return JsonBody::parse(body).require_string("name", limits::kMaxUserNameChars);
}

/// {"x": [[...[1]...]]} nested `depth` deep in all, counting the outer object.
std::string nested(int depth) {
  return "{\"name\":\"kim\",\"x\":" + repeat("[", depth - 1) + "1" + repeat("]", depth - 1) + "}";
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_integer_in_range_is_read) {
  BOOST_TEST(amount_of(R"({"amount": 10000})") == 10000);
  BOOST_TEST(amount_of(R"({"amount":1})") == 1);
  BOOST_TEST(amount_of(R"({"amount":10000000})") == 10000000);
  BOOST_TEST(amount_of(" \n\t{ \"amount\" : 5 } \r\n") == 5);
}

BOOST_AUTO_TEST_CASE(unknown_fields_are_ignored) {
  BOOST_TEST(amount_of(R"({"note": "x", "amount": 7, "nested": {"a": [1, 2.5, null]}})") == 7);
}

BOOST_AUTO_TEST_CASE(a_missing_or_null_field_is_invalid_naming_it) {
  check_domain_error([] { amount_of("{}"); }, "INVALID_REQUEST", "amount");
  check_domain_error([] { amount_of(R"({"Amount": 5})"); }, "INVALID_REQUEST", "amount");
  check_domain_error([] { amount_of(R"({"amount": null})"); }, "INVALID_REQUEST", "amount");
}

BOOST_AUTO_TEST_CASE(a_field_of_the_wrong_type_is_invalid_naming_it) {
  for (const char* body : {R"({"amount": "10000"})", R"({"amount": true})", R"({"amount": [1]})",
                           R"({"amount": {"value": 1}})", R"({"amount": ""})"}) {
    BOOST_TEST_CONTEXT(body) {
      check_domain_error([&] { amount_of(body); }, "INVALID_REQUEST", "amount");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_float_where_an_integer_is_expected_is_invalid) {
  for (const char* body : {R"({"amount": 10000.0})", R"({"amount": 1.5})", R"({"amount": 1e3})", R"({"amount": 1E3})",
                           R"({"amount": 1e+3})", R"({"amount": 100e-2})", R"({"amount": -0.0})"}) {
    BOOST_TEST_CONTEXT(body) {
      check_domain_error([&] { amount_of(body); }, "INVALID_REQUEST", "amount");
    }
  }
}

BOOST_AUTO_TEST_CASE(an_integer_out_of_range_is_invalid_naming_it) {
  for (const char* body : {R"({"amount": 0})", R"({"amount": -0})", R"({"amount": -1})", R"({"amount": 10000001})",
                           R"({"amount": 9223372036854775807})", R"({"amount": -9223372036854775808})",
                           R"({"amount": 9223372036854775808})", R"({"amount": 18446744073709551616})",
                           R"({"amount": 99999999999999999999999999999})"}) {
    BOOST_TEST_CONTEXT(body) {
      check_domain_error([&] { amount_of(body); }, "INVALID_REQUEST", "amount");
    }
  }
}

BOOST_AUTO_TEST_CASE(malformed_json_is_invalid_without_a_field) {
  for (const char* body : {"", " ", "{", "}", R"({"amount":})", R"({"amount":1,})", R"({'amount':1})", R"({amount:1})",
                           R"({"amount":01})", R"({"amount":1} x)", R"({"amount":1}{})", R"({"amount":+1})",
                           R"({"amount":NaN})", R"({"amount":Infinity})", "amount=1", R"({"amount":1)"}) {
    BOOST_TEST_CONTEXT(body) {
      check_domain_error([&] { JsonBody::parse(body); }, "INVALID_REQUEST");
    }
  }
  // A NUL byte inside the body (not the terminator of a C string).
  check_domain_error([] { JsonBody::parse("{\"amount\":1}\0"s); }, "INVALID_REQUEST");
  check_domain_error([] { JsonBody::parse("{\"name\":\"a\0b\"}"s); }, "INVALID_REQUEST");
}

BOOST_AUTO_TEST_CASE(a_member_named_twice_in_any_object_is_invalid_without_a_field) {
  for (const char* body :
       {R"({"amount":1,"amount":2})", R"({"amount":2,"amount":"x"})", R"({"amount":1,"x":0,"amount":1})",
        R"({"amount":1,"am\u006funt":2})", R"({"amount":1,"items":[{"productId":1,"productId":2}]})",
        R"({"amount":1,"x":{"y":{"z":1,"z":1}}})"}) {
    BOOST_TEST_CONTEXT(body) {
      check_domain_error([&] { JsonBody::parse(body); }, "INVALID_REQUEST");
    }
  }
  // The same name in different objects, or differing only in case, is no repeat.
  BOOST_TEST(amount_of(R"({"amount":7,"items":[{"amount":1},{"amount":2}],"x":{"amount":3}})") == 7);
  BOOST_TEST(amount_of(R"({"amount":7,"Amount":8})") == 7);
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_an_object_is_invalid_without_a_field) {
  for (const char* body : {"[]", R"([{"amount": 1}])", "1", "\"amount\"", "null", "true"}) {
    BOOST_TEST_CONTEXT(body) {
      check_domain_error([&] { JsonBody::parse(body); }, "INVALID_REQUEST");
    }
  }
}

BOOST_AUTO_TEST_CASE(invalid_utf8_anywhere_in_the_body_is_invalid) {
  for (const char* body : {"{\"name\":\"\xff\"}", "{\"name\":\"k\xc3\"}", "{\"name\":\"\xc0\xaf\"}",
                           "{\"name\":\"\xe3\x81\"}", "{\"name\":\"\xed\xa0\x80\"}", "{\"name\":\"\xf4\x90\x80\x80\"}",
                           "{\"n\xfe\":1,\"name\":\"kim\"}", "{\"other\":\"\x80\",\"name\":\"kim\"}"}) {
    BOOST_TEST_CONTEXT(body) {
      check_domain_error([&] { JsonBody::parse(body); }, "INVALID_REQUEST");
    }
  }
}

BOOST_AUTO_TEST_CASE(escaped_surrogates_that_make_no_character_are_invalid) {
  // A high surrogate without its low half, and a low surrogate alone: neither is a character, and neither
  // may reach the database as bytes (PostgreSQL refuses them as UTF-8).
  for (const char* body :
       {R"({"name": "\ud800"})", R"({"name": "a\ud800b"})", R"({"name": "\udc00"})", R"({"name": "a\udfffb"})"}) {
    BOOST_TEST_CONTEXT(body) {
      try {
        name_of(body);
        BOOST_ERROR("accepted");
      } catch (const shop::model::DomainError& e) {
        BOOST_TEST(std::string(shop::model::code_name(e.code())) == "INVALID_REQUEST");
      }
    }
  }
  // A proper pair is one character.
  BOOST_TEST(name_of(R"({"name": "\ud83d\ude00"})") == "\xF0\x9F\x98\x80");
}

BOOST_AUTO_TEST_CASE(nesting_up_to_16_levels_is_accepted) {
  BOOST_TEST(name_of(nested(16)) == "kim");
}

BOOST_AUTO_TEST_CASE(nesting_deeper_than_16_levels_is_invalid_and_does_not_crash) {
  check_domain_error([] { JsonBody::parse(nested(17)); }, "INVALID_REQUEST");
  check_domain_error([] { JsonBody::parse(repeat("[", 100000)); }, "INVALID_REQUEST");
  check_domain_error([] { JsonBody::parse(repeat("{\"a\":", 50000) + "1" + repeat("}", 50000)); }, "INVALID_REQUEST");
}

BOOST_AUTO_TEST_CASE(brackets_inside_strings_do_not_count_as_nesting) {
  BOOST_TEST(name_of(R"({"name": "[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{{"})") ==
             "[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{{");
  BOOST_TEST(name_of(R"({"x": "\"[[[[[[[[[[[[[[[[[[[[", "name": "kim"})") == "kim");
}

BOOST_AUTO_TEST_CASE(a_name_of_1_to_50_characters_is_read_as_sent) {
  BOOST_TEST(name_of(R"({"name": "k"})") == "k");
  BOOST_TEST(name_of("{\"name\": \"" + repeat("a", 50) + "\"}") == repeat("a", 50));
  BOOST_TEST(name_of(R"({"name": "k\u0069m \"q\" \\ /"})") == "kim \"q\" \\ /");
  BOOST_TEST(name_of(R"({"name": " kim "})") == " kim ");
}

BOOST_AUTO_TEST_CASE(name_length_counts_characters_not_bytes) {
  const std::string fifty_korean = repeat("김", 50);  // 150 bytes
  BOOST_TEST(name_of("{\"name\": \"" + fifty_korean + "\"}") == fifty_korean);
  const std::string fifty_emoji = repeat("\xF0\x9F\x98\x80", 50);  // 200 bytes
  BOOST_TEST(name_of("{\"name\": \"" + fifty_emoji + "\"}") == fifty_emoji);
  check_domain_error([] { name_of("{\"name\": \"" + repeat("김", 51) + "\"}"); }, "INVALID_REQUEST", "name");
}

BOOST_AUTO_TEST_CASE(a_name_of_0_or_51_characters_is_invalid_naming_it) {
  check_domain_error([] { name_of(R"({"name": ""})"); }, "INVALID_REQUEST", "name");
  check_domain_error([] { name_of("{\"name\": \"" + repeat("a", 51) + "\"}"); }, "INVALID_REQUEST", "name");
}

BOOST_AUTO_TEST_CASE(a_name_with_control_characters_or_only_spaces_is_invalid_naming_it) {
  for (const char* body : {R"({"name": "a\nb"})", R"({"name": "a\tb"})", R"({"name": "\u0000"})",
                           R"({"name": "kim\u0000"})", R"({"name": "\u001f"})", R"({"name": "a\u007fb"})",
                           R"({"name": "a\rb"})", R"({"name": " "})", R"({"name": "     "})"}) {
    BOOST_TEST_CONTEXT(body) {
      check_domain_error([&] { name_of(body); }, "INVALID_REQUEST", "name");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_name_of_the_wrong_type_is_invalid_naming_it) {
  for (const char* body :
       {R"({"name": 1})", R"({"name": ["kim"]})", R"({"name": false})", R"({"name": {}})", "{}", R"({"name": null})"}) {
    BOOST_TEST_CONTEXT(body) {
      check_domain_error([&] { name_of(body); }, "INVALID_REQUEST", "name");
    }
  }
}

BOOST_AUTO_TEST_CASE(optional_fields_are_absent_when_missing_or_null_and_checked_when_present) {
  const auto body = JsonBody::parse(R"({"a": null, "s": "x", "n": 3})");
  BOOST_TEST(!body.optional_int("a", 0, 10).has_value());
  BOOST_TEST(!body.optional_int("missing", 0, 10).has_value());
  BOOST_TEST(body.optional_int("n", 0, 10).value() == 3);
  BOOST_TEST(body.optional_string("s", 5).value() == "x");
  check_domain_error([&] { body.optional_int("n", 4, 10); }, "INVALID_REQUEST", "n");
  check_domain_error([&] { body.optional_int("s", 0, 10); }, "INVALID_REQUEST", "s");
  check_domain_error([&] { body.optional_string("n", 5); }, "INVALID_REQUEST", "n");
}
