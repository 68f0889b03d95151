#pragma once

#include "fcgi/pool/config.hpp"

namespace shop::fcgi {

/// Opens the FastCGI listening socket the workers inherit: the unix socket (stale file removed, mode 0666
/// so that nginx's workers can connect) or the TCP address. Throws std::runtime_error.
int open_listener(const ServerConfig& config);

}  // namespace shop::fcgi
