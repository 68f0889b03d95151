#pragma once

#include <string>

#include "model/types.hpp"

namespace shop::model {

struct User {
  Id id = 0;
  std::string name;
  Won balance = 0;
};

}  // namespace shop::model
