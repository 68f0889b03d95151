#pragma once

#include "fcgi/pool/config.hpp"

namespace shop::fcgi {

/// Opens the FastCGI listening socket the workers inherit: the unix socket (stale file removed; owner, group
/// and mode from SHOP_SOCKET_OWNER, SHOP_SOCKET_GROUP and SHOP_SOCKET_MODE, so that nginx's workers alone can
/// connect) or the TCP address. Throws std::runtime_error.
int open_listener(const ServerConfig& config);

}  // namespace shop::fcgi
