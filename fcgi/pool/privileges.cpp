#include "fcgi/pool/privileges.hpp"

#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "fcgi/http/strict_integer.hpp"
#include "fcgi/log.hpp"

namespace shop::fcgi {
namespace {

/// The buffer size the _r lookups ask for; they answer ERANGE when an entry needs more.
std::size_t initial_buffer_size(int name) {
  const long size = ::sysconf(name);
  return size > 0 ? static_cast<std::size_t>(size) : 1024;
}

std::string system_error(const std::string& what, int error) {
  return what + ": " + std::strerror(error);
}

/// No core dump and no ptrace by the account's other processes: a worker's memory holds tokens. LeakSanitizer
/// traces its own process at exit, so sanitizer builds stay traceable.
void keep_from_tracing() {
#if defined(__SANITIZE_ADDRESS__)
  ::prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
#else
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

}  // namespace

Account find_account(const std::string& name) {
  const auto numeric = parse_strict_integer(name);
  std::vector<char> buffer(initial_buffer_size(_SC_GETPW_R_SIZE_MAX));
  passwd entry{};
  passwd* found = nullptr;
  for (;;) {
    const int error = numeric ? ::getpwuid_r(static_cast<uid_t>(*numeric), &entry, buffer.data(), buffer.size(), &found)
                              : ::getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found);
    if (error == ERANGE && buffer.size() < (1U << 20)) {
      buffer.resize(buffer.size() * 2);
      continue;
    }
    if (error != 0) throw std::runtime_error(system_error("cannot look up user " + name, error));
    break;
  }
  if (found == nullptr) throw std::runtime_error("no user " + name);
  return Account{entry.pw_name, entry.pw_uid, entry.pw_gid};
}

gid_t find_group(const std::string& name) {
  const auto numeric = parse_strict_integer(name);
  std::vector<char> buffer(initial_buffer_size(_SC_GETGR_R_SIZE_MAX));
  group entry{};
  group* found = nullptr;
  for (;;) {
    const int error = numeric ? ::getgrgid_r(static_cast<gid_t>(*numeric), &entry, buffer.data(), buffer.size(), &found)
                              : ::getgrnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found);
    if (error == ERANGE && buffer.size() < (1U << 20)) {
      buffer.resize(buffer.size() * 2);
      continue;
    }
    if (error != 0) throw std::runtime_error(system_error("cannot look up group " + name, error));
    break;
  }
  if (found == nullptr) throw std::runtime_error("no group " + name);
  return entry.gr_gid;
}

void drop_privileges(const RunAs& run_as, std::span<const int> own_files) {
  ::umask(027);
  if (::geteuid() != 0) {
    if (run_as.user.empty()) return;
    const Account account = find_account(run_as.user);
    if (account.uid != ::geteuid()) {
      throw std::runtime_error("SHOP_USER is " + run_as.user + " but the pool runs as uid " +
                               std::to_string(::geteuid()) + " and cannot switch: start it as root or as that user");
    }
    keep_from_tracing();
    return;
  }
  if (run_as.user.empty()) {
    log_info({}, "warning: running as root; set SHOP_USER (and SHOP_GROUP) to run the pool as an unprivileged user");
    return;
  }
  const Account account = find_account(run_as.user);
  if (account.uid == 0) throw std::runtime_error("SHOP_USER must not be root");
  const gid_t gid = run_as.group.empty() ? account.gid : find_group(run_as.group);
  for (const int fd : own_files) {
    if (::fchown(fd, account.uid, gid) != 0) throw std::runtime_error(system_error("fchown", errno));
  }
  // Groups first: once the uid is gone, nothing else may be changed.
  if (::initgroups(account.name.c_str(), gid) != 0) throw std::runtime_error(system_error("initgroups", errno));
  if (::setresgid(gid, gid, gid) != 0) throw std::runtime_error(system_error("setresgid", errno));
  if (::setresuid(account.uid, account.uid, account.uid) != 0) {
    throw std::runtime_error(system_error("setresuid", errno));
  }
  // setresuid cleared every capability; a way back to root would mean it did not take.
  if (::setuid(0) == 0 || ::seteuid(0) == 0 || ::setgid(0) == 0 || ::getuid() != account.uid ||
      ::geteuid() != account.uid || ::getegid() != gid) {
    throw std::runtime_error("could still regain root after dropping privileges");
  }
  keep_from_tracing();
  log_info({}, "running as user " + account.name + " (uid " + std::to_string(account.uid) + ", gid " +
                   std::to_string(gid) + ")");
}

}  // namespace shop::fcgi
