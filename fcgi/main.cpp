// The shop's FastCGI pool: a master that forks the workers nginx passes requests to.
#include <fcgiapp.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <exception>

#include "fcgi/log.hpp"
#include "fcgi/pool/config.hpp"
#include "fcgi/pool/listener.hpp"
#include "fcgi/pool/master.hpp"
#include "fcgi/pool/privileges.hpp"
#include "fcgi/pool/relay_process.hpp"
#include "fcgi/pool/sweeper_process.hpp"
#include "fcgi/pool/worker_process.hpp"

int main(int argc, char** argv) {
  using namespace shop::fcgi;
  try {
    const ServerConfig config = load_config(argc, argv);
    std::signal(SIGPIPE, SIG_IGN);
    if (FCGX_Init() != 0) throw std::runtime_error("FCGX_Init failed");
    const int listen_fd = open_listener(config);
    // Bound (a port below 1024, a socket in a root-owned directory): root is needed no more. The master then
    // writes its pid file as SHOP_USER, in a directory that user may write (scripts: .run, group shop).
    drop_privileges(RunAs{config.user, config.group});
    std::vector<ChildRole> roles = {
        {"worker", config.workers, [&] { return run_worker_process(listen_fd, config.settings, config.admin_token); }},
        {"sweeper", 1,
         [&] {
           ::close(listen_fd);  // background processes take no requests
           return run_sweeper_process(config.settings);
         }},
    };
    if (config.settings.data_platform_url.empty()) {
      log_info({}, "SHOP_DATA_PLATFORM_URL is not set: paid-order events wait in the outbox");
    } else {
      roles.push_back({"relay", 1, [&] {
                         ::close(listen_fd);
                         return run_relay_process(config.settings);
                       }});
    }
    return run_master(MasterOptions{config.pid_file, config.stop_timeout}, roles);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "shop: %s\n%s", e.what(), usage());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "shop: %s\n", e.what());
    return 1;
  }
}
