#pragma once

#include "model/db/row.hpp"
#include "model/user/user.hpp"

namespace shop::model {

/// A users row, as user/find and account/sign_up return it.
inline void read_row(const soci::values& row, User& user) {
  user.id = row.get<long long>("id");
  user.name = row.get<std::string>("name");
  user.balance = row.get<long long>("balance");
}

}  // namespace shop::model
