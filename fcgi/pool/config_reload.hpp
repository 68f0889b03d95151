#pragma once

#include "fcgi/pool/config.hpp"

namespace shop::fcgi {

/// On SIGHUP: `fresh`, the configuration read again, becomes `running`, except what only a restart can change
/// (the socket or port, the pid file, the log file, the accounts and the socket's owner, group and mode, and
/// whether there is a data platform at all: the relay process exists or not from the start): each of those
/// that differs is logged as ignored until restart, and keeps its running value.
void apply_reloaded_config(ServerConfig& running, ServerConfig fresh);

}  // namespace shop::fcgi
