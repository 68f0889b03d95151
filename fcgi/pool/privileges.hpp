#pragma once

#include <sys/types.h>

#include <span>
#include <string>

namespace shop::fcgi {

/// A local account, as the password database names it.
struct Account {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;  ///< its primary group
};

/// The account named `name` (or a numeric uid). Throws std::runtime_error when there is none.
Account find_account(const std::string& name);

/// The group named `name` (or a numeric gid). Throws std::runtime_error when there is none.
gid_t find_group(const std::string& name);

/// Who the pool becomes once its socket is bound (SHOP_USER, SHOP_GROUP).
struct RunAs {
  std::string user;   ///< empty: stay who we are
  std::string group;  ///< empty: the user's primary group
};

/// Started as root with a user: takes the user's groups (initgroups), the group, then the user, and checks
/// that root cannot be taken back, so that a worker running attacker-shaped input holds no privilege.
/// Started as root without a user: a warning, and the pool stays root (a developer's quick run).
/// Not root: the user, when named, must be the one we already are (a re-exec keeps its identity).
/// Also sets umask 027: the files the pool makes (pid file, log) are for its own account and group.
/// `own_files` (the pid file, locked before the socket is bound) are given to the user first, so that the
/// master can still rewrite and remove them (its directory is sticky). Throws std::runtime_error.
void drop_privileges(const RunAs& run_as, std::span<const int> own_files = {});

}  // namespace shop::fcgi
