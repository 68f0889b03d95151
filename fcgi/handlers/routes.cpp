#include "fcgi/handlers/routes.hpp"

namespace shop::fcgi {

Router make_router() {
  Router router;
  add_health_routes(router);
  add_user_routes(router);
  add_balance_routes(router);
  add_product_routes(router);
  add_basket_routes(router);
  add_order_routes(router);
  add_outbox_routes(router);
  return router;
}

}  // namespace shop::fcgi
