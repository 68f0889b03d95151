// The shop's FastCGI pool: a master that forks the workers nginx passes requests to.
#include <fcgiapp.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <exception>

#include "fcgi/log.hpp"
#include "fcgi/pool/config.hpp"
#include "fcgi/pool/config_reload.hpp"
#include "fcgi/pool/effective_settings.hpp"
#include "fcgi/pool/listener.hpp"
#include "fcgi/pool/master.hpp"
#include "fcgi/pool/pid_file.hpp"
#include "fcgi/pool/privileges.hpp"
#include "fcgi/pool/process_title.hpp"
#include "fcgi/pool/relay_process.hpp"
#include "fcgi/pool/sweeper_process.hpp"
#include "fcgi/pool/upgrade.hpp"
#include "fcgi/pool/worker_process.hpp"

int main(int argc, char** argv) {
  using namespace shop::fcgi;
  try {
    // Before the process title writes over argv.
    UpgradePlan upgrade = plan_upgrade(argc, argv);
    ServerConfig config = load_config(argc, argv);
    if (config.test_only) {
      std::printf("shop: the configuration is valid%s\n%s",
                  config.config_file.empty() ? " (no --config file)" : (" (" + config.config_file + ")").c_str(),
                  describe_settings(config.origins, config.config_file).c_str());
      return 0;
    }
    init_process_title(argc, argv);
    if (!config.log_file.empty()) open_log_file(config.log_file);
    std::signal(SIGPIPE, SIG_IGN);
    if (FCGX_Init() != 0) throw std::runtime_error("FCGX_Init failed");
    // Started by an old master's SIGUSR2: its socket and locked pid file are inherited, not opened.
    const auto inherited_listener = inherited_fd("SHOP_LISTEN_FD");
    const auto inherited_pid_file = inherited_fd("SHOP_PID_FD");
    const auto ready_fd = inherited_fd("SHOP_READY_FD");
    PidFile pid_file =
        inherited_pid_file ? PidFile::adopt(config.pid_file, *inherited_pid_file) : PidFile::lock(config.pid_file);
    const int listen_fd = inherited_listener ? *inherited_listener : open_listener(config);
    if (inherited_listener) prepare_listener(listen_fd);
    const auto inherited_status = inherited_fd("SHOP_STATUS_FD");
    const int status_fd = inherited_status ? *inherited_status : open_status_listener(config);
    upgrade.listen_fd = listen_fd;
    upgrade.pid_fd = pid_file.fd();
    upgrade.status_fd = status_fd;
    // Bound (a port below 1024, a socket in a root-owned directory) and locked: root is needed no more. A new
    // binary started by SIGUSR2 is already that user.
    const int own_files[] = {pid_file.fd()};
    drop_privileges(RunAs{config.user, config.group}, own_files);

    std::vector<ChildRole> roles = {
        {"worker", initial_workers(config.pm),
         [&] {
           return run_worker_process(listen_fd, config.settings, config.admin_token, config.recycle,
                                     config.slow_request);
         },
         true},
        {"sweeper", 1,
         [&] {
           ::close(listen_fd);  // background processes take no requests
           return run_sweeper_process(config.settings);
         },
         false},
    };
    if (config.settings.data_platform_url.empty()) {
      log_info({}, "SHOP_DATA_PLATFORM_URL is not set: paid-order events wait in the outbox");
    } else {
      roles.push_back({"relay", 1,
                       [&] {
                         ::close(listen_fd);
                         return run_relay_process(config.settings);
                       },
                       false});
    }
    MasterOptions options{.pid_file = pid_file,
                          .stop_timeout = config.stop_timeout,
                          .request_timeout = config.request_timeout,
                          .kill_grace = std::chrono::milliseconds(2'000),
                          .upgrade = upgrade,
                          .ready_fd = ready_fd.value_or(-1),
                          .pm = config.pm,
                          .listen_fd = listen_fd,
                          .status_fd = status_fd,
                          .reload = {}};
    // SIGHUP reads the same command line, environment and file again; children forked from then on run with
    // the result (they copy `config` when forked).
    options.reload = [&] {
      std::vector<const char*> args;
      for (const std::string& argument : upgrade.arguments) args.push_back(argument.c_str());
      try {
        apply_reloaded_config(config, load_config(static_cast<int>(args.size()), args.data()));
      } catch (const std::exception& e) {
        log_error({}, std::string("HUP: the configuration was not reloaded, the pool runs on as it was: ") + e.what());
        return;
      }
      for (ChildRole& role : roles) {
        if (role.serves_requests) role.count = initial_workers(config.pm);
      }
      options.pm = config.pm;
      options.request_timeout = config.request_timeout;
      log_info({}, "HUP: configuration read again" +
                       (config.config_file.empty() ? std::string() : " from " + config.config_file));
    };
    return run_master(options, roles);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "shop: %s\n%s", e.what(), usage());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "shop: %s\n", e.what());
    return 1;
  }
}
