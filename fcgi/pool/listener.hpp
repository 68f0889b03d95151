#pragma once

#include "fcgi/pool/config.hpp"

namespace shop::fcgi {

/// Opens the FastCGI listening socket the workers inherit: the unix socket (owner, group and mode from
/// SHOP_SOCKET_OWNER, SHOP_SOCKET_GROUP and SHOP_SOCKET_MODE, so that nginx's workers alone can connect) or the
/// TCP address. A socket file left by a pool that is gone is replaced; one where a pool still answers is never
/// removed: that is an error. Throws std::runtime_error.
int open_listener(const ServerConfig& config);

/// Opens the status page's unix socket (SHOP_STATUS_SOCKET), non-blocking, with the pool socket's owner, group
/// and mode; -1 when there is none (--listen without SHOP_STATUS_SOCKET). Throws std::runtime_error.
int open_status_listener(const ServerConfig& config);

/// Makes `fd` (opened here, or inherited by a new binary on SIGUSR2) ready for the workers: non-blocking, so
/// that a worker polling it never blocks in accept() after another worker took the connection.
void prepare_listener(int fd);

}  // namespace shop::fcgi
