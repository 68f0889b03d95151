#pragma once

#include "fcgi/http/response.hpp"
#include "fcgi/routing/context.hpp"
#include "fcgi/routing/route.hpp"

namespace shop::fcgi {

/// Runs a route that takes an Idempotency-Key (the request carries one) so that it applies once: the answer
/// is kept with the key, a retry gets it again with `Idempotent-Replayed: true`. INVALID_REQUEST (field
/// "Idempotency-Key") for a key that is not 1..255 printable ASCII characters.
Response run_idempotent(const Route& route, Context& context);

}  // namespace shop::fcgi
