#pragma once

#include <stdexcept>

namespace shop::model {

/// A database failure that is not the client's doing: the detail is for the log, never for the client.
/// Raised only by model/db, which turns every error of the database library into one of these.
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The database cannot be reached, or the connection broke: the connection is dropped, the client gets 503
/// and may retry; the next request reconnects.
class DatabaseUnavailable : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
};

/// A statement or a lock wait ran past its limit: nothing was changed, the connection still works, the client
/// gets 503 and may retry.
class DatabaseTimeout : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
};

}  // namespace shop::model
