// clean_error_text: whatever a data platform answers, the error stored with its event is text PostgreSQL
// takes (valid UTF-8), one log line long, and within its byte limit.
#include <boost/test/unit_test.hpp>
#include <string>

#include "model/outbox/error_text.hpp"

using shop::model::clean_error_text;
using shop::model::kMaxErrorTextBytes;
using namespace std::string_literals;

namespace {

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD
const std::string kGa = "\xEA\xB0\x80";           // 가, three bytes

}  // namespace

BOOST_AUTO_TEST_CASE(keeps_printable_ascii_and_valid_multibyte_characters_as_they_are) {
  BOOST_TEST(clean_error_text("HTTP 500: {\"error\":\"down\"}") == "HTTP 500: {\"error\":\"down\"}");
  const std::string korean = "HTTP 503: 잠시 후 다시 시도해 주세요. \xC3\xA9 \xF0\x9F\x98\x80";
  BOOST_TEST(clean_error_text(korean) == korean);
  BOOST_TEST(clean_error_text("").empty());
}

BOOST_AUTO_TEST_CASE(replaces_each_byte_that_does_not_begin_a_valid_character) {
  BOOST_TEST(clean_error_text("\xff\xfe") == kReplacement + kReplacement);
  BOOST_TEST(clean_error_text("a\x80z") == "a" + kReplacement + "z");       // a stray continuation byte
  BOOST_TEST(clean_error_text("\xC0\xAF") == kReplacement + kReplacement);  // overlong '/'
  BOOST_TEST(clean_error_text("\xED\xA0\x80") == kReplacement + kReplacement + kReplacement);  // a surrogate
  BOOST_TEST(clean_error_text("\xF4\x90\x80\x80").size() == 4 * kReplacement.size());          // past U+10FFFF
  BOOST_TEST(clean_error_text("x\xEA\xB0") == "x" + kReplacement + kReplacement);              // a character cut short
}

BOOST_AUTO_TEST_CASE(escapes_control_characters_and_the_backslash) {
  BOOST_TEST(clean_error_text("a\nb\r\tc") == "a\\nb\\r\\tc");
  BOOST_TEST(clean_error_text("\\n") == "\\\\n");  // an escape in the answer stays told apart from ours
  BOOST_TEST(clean_error_text("nul\0bell\x07"
                              "del\x7f"s) == "nul\\u0000bell\\u0007del\\u007F");
  BOOST_TEST(clean_error_text("\xC2\x85|\xC2\xA0") == "\\u0085|\xC2\xA0");  // C1 NEL escaped, no-break space kept
}

BOOST_AUTO_TEST_CASE(cuts_on_a_character_boundary_within_the_limit) {
  // The answer that stalled the relay: 199 'x' then 가, cut by the receiving side after 200 bytes.
  const std::string cut = "HTTP 500: " + std::string(199, 'x') + kGa.substr(0, 1);
  BOOST_TEST(clean_error_text(cut) == "HTTP 500: " + std::string(199, 'x') + kReplacement);

  const std::string whole = std::string(9, 'x') + kGa;  // 12 bytes
  BOOST_TEST(clean_error_text(whole, 12) == whole);
  BOOST_TEST(clean_error_text(whole, 11) == std::string(9, 'x'));  // 가 does not fit whole: left out
  BOOST_TEST(clean_error_text(whole, 9) == std::string(9, 'x'));
  BOOST_TEST(clean_error_text("ab\ncd", 3) == "ab");  // nor does an escape
  BOOST_TEST(clean_error_text("ab\ncd", 4) == "ab\\n");

  const std::string long_answer(10'000, '\xff');
  const std::string clean = clean_error_text(long_answer);
  BOOST_TEST(clean.size() <= kMaxErrorTextBytes);
  BOOST_TEST(clean.size() % kReplacement.size() == 0u);
  BOOST_TEST(clean.substr(0, kReplacement.size()) == kReplacement);
}
