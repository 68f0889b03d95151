#pragma once

#include <string>

namespace shop::model {

/// What the model needs from the environment (API.md "Operations").
struct Settings {
  std::string database_url;             ///< libpq connection string
  std::string timezone = "Asia/Seoul";  ///< days of the ranking, and the offset of timestamps
  int order_ttl_seconds = 600;
};

}  // namespace shop::model
