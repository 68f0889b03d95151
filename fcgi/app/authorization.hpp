#pragma once

#include "fcgi/routing/context.hpp"
#include "fcgi/routing/route.hpp"

namespace shop::fcgi {

/// The one access check, run for every request before its handler and before any change, from the route's
/// declaration (Access). Sets the context's caller and, on a user's route, the user it acts for. Refusals:
/// UNAUTHORIZED (no bearer token, or one that is not the admin's and not a live session), FORBIDDEN (a user's
/// token on another user's route or on an admin route, or a body `userId` that is not the token's user),
/// INVALID_REQUEST (the route's user id is not an id, or the admin's body names another user than its path).
void authorize(const Route& route, Context& context);

/// Proves a kUnproven caller now (one lookup): UNAUTHORIZED, FORBIDDEN, or the caller becomes kUser. For
/// answers that come before, or without, the statement that was to check the token.
void prove_caller(Context& context);

}  // namespace shop::fcgi
