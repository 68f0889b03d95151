#pragma once

#include <functional>
#include <string_view>

namespace shop::model {

/// How much an operator should care about a notice.
enum class NoticeLevel {
  kInfo,     ///< back to normal
  kTrouble,  ///< the model works around a fault (a read standby left aside), which someone should look at
};

/// Where the model tells the operator of a change it handled by itself, such as catalog reads leaving a read
/// standby and coming back; the front writes them to its log. Said on changes only, never per request.
/// Empty: nobody listens.
using Notices = std::function<void(NoticeLevel level, std::string_view message)>;

}  // namespace shop::model
