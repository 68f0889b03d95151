#pragma once

#include "fcgi/routing/router.hpp"

namespace shop::fcgi {

/// Each file of handlers/ adds the routes of one part of API.md.
void add_health_routes(Router& router);
void add_user_routes(Router& router);
void add_balance_routes(Router& router);
void add_product_routes(Router& router);
void add_basket_routes(Router& router);
void add_order_routes(Router& router);
void add_outbox_routes(Router& router);

/// Every route of the API.
Router make_router();

}  // namespace shop::fcgi
