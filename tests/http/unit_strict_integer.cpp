// parse_strict_integer: what an id in a path or a number in a query string may look like.
#include <boost/test/unit_test.hpp>

#include "fcgi/http/strict_integer.hpp"

using shop::fcgi::parse_strict_integer;

BOOST_AUTO_TEST_CASE(accepts_plain_decimal_integers_within_64_bits) {
  BOOST_TEST(parse_strict_integer("0").value() == 0);
  BOOST_TEST(parse_strict_integer("7").value() == 7);
  BOOST_TEST(parse_strict_integer("-1").value() == -1);
  BOOST_TEST(parse_strict_integer("9223372036854775807").value() == 9223372036854775807LL);
  BOOST_TEST(parse_strict_integer("-9223372036854775808").value() == -9223372036854775807LL - 1);
}

BOOST_AUTO_TEST_CASE(refuses_anything_but_digits_with_an_optional_minus) {
  for (const char* text : {"", "-", "+1", " 1", "1 ", "1\n", "1.0", "1.", ".5", "1e3", "0x10", "abc", "1a", "a1", "--1",
                           "1-", "١", "１"}) {
    BOOST_TEST(!parse_strict_integer(text).has_value(), "accepted '" << text << "'");
  }
}

BOOST_AUTO_TEST_CASE(refuses_numbers_outside_64_bits) {
  BOOST_TEST(!parse_strict_integer("9223372036854775808").has_value());
  BOOST_TEST(!parse_strict_integer("-9223372036854775809").has_value());
  BOOST_TEST(!parse_strict_integer("99999999999999999999999").has_value());
}

BOOST_AUTO_TEST_CASE(reads_only_the_given_view_not_past_it) {
  const char text[] = "12345";
  BOOST_TEST(parse_strict_integer(std::string_view(text, 2)).value() == 12);
}
