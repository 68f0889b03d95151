#pragma once

#include "fcgi/app/shop_connection.hpp"
#include "fcgi/http/request.hpp"
#include "fcgi/http/response.hpp"
#include "fcgi/routing/router.hpp"
#include "model/settings.hpp"

namespace shop::fcgi {

/// What one worker process serves: the routes over its own connection to the model. Turns every failure
/// into the contract's error body; internals go to the log with the request id, never to the client.
class App {
 public:
  App(model::Settings settings, std::string admin_token);

  Response handle(const Request& request) noexcept;
  /// Where this worker's catalog reads go now, for its scoreboard slot.
  model::StandbyUse standby_use() const noexcept { return shop_.standby_use(); }

 private:
  Response dispatch(const Request& request);
  Response run_handler(const Route& route, Context& context);

  Router router_;
  ShopConnection shop_;
  std::string admin_token_;
};

}  // namespace shop::fcgi
