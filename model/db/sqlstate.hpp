#pragma once

#include <string_view>

namespace shop::model {

/// What a failed statement's SQLSTATE means for the caller.
enum class Failure {
  kTransient,    ///< serialization failure or deadlock: run the transaction again
  kUnavailable,  ///< this connection cannot serve: drop it, answer 503, reconnect (maybe to another host)
  kTimeout,      ///< a statement or lock wait ran past its limit: 503, the connection still works
  kOther,        ///< anything else: a bug or a schema problem, 500
};

/// Classifies a SQLSTATE (empty when the error carried none). A connection exception (class 08), the server
/// shutting down or refusing connections for now (57P01, 57P02, 57P03) and a write refused as read-only
/// (25006: after a failover the connection landed on a standby, which stays one until dropped) all make the
/// connection useless.
Failure classify_sqlstate(std::string_view state) noexcept;

}  // namespace shop::model
