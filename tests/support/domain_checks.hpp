#pragma once

// Boost.Test assertions on the model's typed failures (header only).

#include <boost/test/unit_test.hpp>
#include <string>
#include <string_view>

#include "model/domain_error.hpp"

namespace shop::test {

/// Runs `action`, which must throw model::DomainError with the contract `code` ("USER_NOT_FOUND") and
/// `field` (empty: none).
template <class Action>
void check_domain_error(Action&& action, std::string_view code, std::string_view field = {}) {
  try {
    action();
    BOOST_ERROR("expected DomainError " << code << ", nothing was thrown");
  } catch (const model::DomainError& e) {
    BOOST_TEST(std::string_view(model::code_name(e.code())) == code);
    BOOST_TEST(e.field() == field);
  }
}

}  // namespace shop::test
