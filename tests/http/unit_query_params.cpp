// QueryParams: decoding of the query string and the page/size rules of every list (API.md).
#include <boost/test/unit_test.hpp>

#include "fcgi/http/query_params.hpp"
#include "tests/support/domain_checks.hpp"

using shop::fcgi::QueryParams;
using shop::fcgi::url_decode;
using shop::test::check_domain_error;

BOOST_AUTO_TEST_CASE(page_defaults_to_1_and_size_to_20) {
  const auto page = QueryParams("").page();
  BOOST_TEST(page.page == 1);
  BOOST_TEST(page.size == 20);
  BOOST_TEST(page.offset() == 0);
}

BOOST_AUTO_TEST_CASE(page_and_size_are_read_and_give_the_offset) {
  const auto page = QueryParams("page=3&size=50").page();
  BOOST_TEST(page.page == 3);
  BOOST_TEST(page.size == 50);
  BOOST_TEST(page.offset() == 100);
}

BOOST_AUTO_TEST_CASE(size_accepts_1_to_100) {
  BOOST_TEST(QueryParams("size=1").page().size == 1);
  BOOST_TEST(QueryParams("size=100").page().size == 100);
  BOOST_TEST(QueryParams("page=1000000").page().page == 1000000);
}

BOOST_AUTO_TEST_CASE(size_out_of_range_is_invalid_request_naming_size) {
  for (const char* query : {"size=0", "size=101", "size=-1", "size=99999999999999999999"}) {
    BOOST_TEST_CONTEXT(query) {
      check_domain_error([&] { QueryParams(query).page(); }, "INVALID_REQUEST", "size");
    }
  }
}

BOOST_AUTO_TEST_CASE(page_below_1_or_absurdly_high_is_invalid_request_naming_page) {
  for (const char* query : {"page=0", "page=-1", "page=1000001", "page=9223372036854775807"}) {
    BOOST_TEST_CONTEXT(query) {
      check_domain_error([&] { QueryParams(query).page(); }, "INVALID_REQUEST", "page");
    }
  }
}

BOOST_AUTO_TEST_CASE(garbage_in_page_or_size_is_invalid_request) {
  for (const char* query :
       {"page=abc", "page=", "page", "page=1.5", "page=1e2", "page=+1", "page=%201", "page=1%20", "page=0x1"}) {
    BOOST_TEST_CONTEXT(query) {
      check_domain_error([&] { QueryParams(query).page(); }, "INVALID_REQUEST", "page");
    }
  }
  for (const char* query : {"size=abc", "size=", "size=20.0", "size=twenty"}) {
    BOOST_TEST_CONTEXT(query) {
      check_domain_error([&] { QueryParams(query).page(); }, "INVALID_REQUEST", "size");
    }
  }
}

BOOST_AUTO_TEST_CASE(values_are_percent_decoded_and_unknown_names_ignored) {
  const auto page = QueryParams("foo=bar&&page=%32&x&size=1%30").page();
  BOOST_TEST(page.page == 2);
  BOOST_TEST(page.size == 10);
}

BOOST_AUTO_TEST_CASE(the_first_of_repeated_names_wins) {
  const QueryParams params("page=2&page=abc");
  BOOST_TEST(params.get("page").value() == "2");
  BOOST_TEST(params.page().page == 2);
}

BOOST_AUTO_TEST_CASE(get_tells_absent_from_empty) {
  const QueryParams params("a=&b");
  BOOST_TEST(params.get("a").value() == "");
  BOOST_TEST(params.get("b").value() == "");
  BOOST_TEST(!params.get("c").has_value());
}

BOOST_AUTO_TEST_CASE(url_decode_turns_plus_and_escapes_into_bytes_and_keeps_broken_escapes) {
  BOOST_TEST(url_decode("a+b%41%62%2B") == "a bAb+");
  BOOST_TEST(url_decode("%EA%B9%80") == "\xEA\xB9\x80");
  BOOST_TEST(url_decode("%4") == "%4");
  BOOST_TEST(url_decode("%zz1") == "%zz1");
  BOOST_TEST(url_decode("100%") == "100%");
}
