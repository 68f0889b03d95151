#pragma once

#include <soci/soci.h>

#include "model/user/user.hpp"

// A users row (id, name, balance), as user/insert and user/find return it. Included by the model's .cpp files
// only, so that SOCI stays out of the domain's headers.
namespace soci {

template <>
struct type_conversion<shop::model::User> {
  using base_type = values;
  static void from_base(const values& row, indicator, shop::model::User& user) {
    user.id = row.get<long long>("id");
    user.name = row.get<std::string>("name");
    user.balance = row.get<long long>("balance");
  }
};

}  // namespace soci
