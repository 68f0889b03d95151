#include "model/order/order_repository.hpp"

#include <map>

#include "model/db/pg_array.hpp"

namespace shop::model {
namespace {

constexpr const char* kInsert = R"SQL(
WITH o AS (
    INSERT INTO orders (user_id, total_amount, expires_at)
    VALUES (:user_id::bigint, :total::bigint, now() + make_interval(secs => :ttl::integer))
    RETURNING id, created_at, expires_at),
items AS (
    INSERT INTO order_items (order_id, product_id, name, unit_price, quantity)
    SELECT o.id, p.id, p.name, p.price, v.quantity
    FROM o CROSS JOIN unnest(:ids::bigint[], :quantities::integer[]) AS v(id, quantity)
    JOIN products p ON p.id = v.id)
SELECT id, shop_rfc3339(created_at), shop_rfc3339(expires_at) FROM o)SQL";

#define SHOP_ORDER_COLUMNS                                                                             \
  "id, user_id, CASE WHEN status = 'PENDING' AND expires_at <= now() THEN 'EXPIRED' ELSE status END, " \
  "total_amount, shop_rfc3339(created_at), shop_rfc3339(expires_at), shop_rfc3339(paid_at)"

constexpr const char* kFind = "SELECT " SHOP_ORDER_COLUMNS " FROM orders WHERE id = :id";
constexpr const char* kFindLocked = "SELECT " SHOP_ORDER_COLUMNS " FROM orders WHERE id = :id FOR NO KEY UPDATE";
constexpr const char* kList =
    "SELECT " SHOP_ORDER_COLUMNS " FROM orders WHERE user_id = :user_id ORDER BY id DESC LIMIT :limit OFFSET :offset";
#undef SHOP_ORDER_COLUMNS

constexpr const char* kCount = "SELECT count(*) FROM orders WHERE user_id = :user_id";

constexpr const char* kLines = R"SQL(
SELECT product_id, name, unit_price, quantity, unit_price * quantity
FROM order_items WHERE order_id = :order_id ORDER BY product_id)SQL";

constexpr const char* kLinesOf = R"SQL(
SELECT order_id, product_id, name, unit_price, quantity, unit_price * quantity
FROM order_items WHERE order_id = ANY(:ids::bigint[]) ORDER BY order_id, product_id)SQL";

constexpr const char* kMarkPaid = R"SQL(
UPDATE orders SET status = 'PAID', paid_at = now(), closed_at = now()
WHERE id = :id AND status = 'PENDING'
RETURNING shop_rfc3339(paid_at))SQL";

constexpr const char* kClose = R"SQL(
UPDATE orders SET status = :status, closed_at = now() WHERE id = :id::bigint AND status = 'PENDING')SQL";

constexpr const char* kNextExpired = R"SQL(
SELECT id FROM orders WHERE status = 'PENDING' AND expires_at <= now()
ORDER BY expires_at LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED)SQL";

}  // namespace

OrderRepository::OrderRepository(soci::session& sql)
    : insert_((sql.prepare << kInsert, soci::use(user_id_, "user_id"), soci::use(total_, "total"),
               soci::use(ttl_, "ttl"), soci::use(ids_, "ids"), soci::use(quantities_, "quantities"),
               soci::into(row_.id), soci::into(row_.created_at), soci::into(row_.expires_at))),
      find_((sql.prepare << kFind, soci::use(id_, "id"), soci::into(row_.id), soci::into(row_.user_id),
             soci::into(row_.status), soci::into(row_.total_amount), soci::into(row_.created_at),
             soci::into(row_.expires_at), soci::into(paid_at_, paid_at_ind_))),
      find_locked_((sql.prepare << kFindLocked, soci::use(id_, "id"), soci::into(row_.id), soci::into(row_.user_id),
                    soci::into(row_.status), soci::into(row_.total_amount), soci::into(row_.created_at),
                    soci::into(row_.expires_at), soci::into(paid_at_, paid_at_ind_))),
      lines_((sql.prepare << kLines, soci::use(id_, "order_id"), soci::into(line_.product_id), soci::into(line_.name),
              soci::into(line_.unit_price), soci::into(line_.quantity), soci::into(line_.amount))),
      lines_of_((sql.prepare << kLinesOf, soci::use(ids_, "ids"), soci::into(line_order_id_),
                 soci::into(line_.product_id), soci::into(line_.name), soci::into(line_.unit_price),
                 soci::into(line_.quantity), soci::into(line_.amount))),
      list_((sql.prepare << kList, soci::use(user_id_, "user_id"), soci::use(limit_, "limit"),
             soci::use(offset_, "offset"), soci::into(row_.id), soci::into(row_.user_id), soci::into(row_.status),
             soci::into(row_.total_amount), soci::into(row_.created_at), soci::into(row_.expires_at),
             soci::into(paid_at_, paid_at_ind_))),
      count_stmt_((sql.prepare << kCount, soci::use(user_id_, "user_id"), soci::into(count_))),
      mark_paid_((sql.prepare << kMarkPaid, soci::use(id_, "id"), soci::into(paid_at_))),
      close_((sql.prepare << kClose, soci::use(status_, "status"), soci::use(id_, "id"))),
      next_expired_((sql.prepare << kNextExpired, soci::into(row_.id))) {}

Order OrderRepository::current_row() const {
  Order order = row_;
  order.paid_at = paid_at_ind_ == soci::i_ok ? std::optional<std::string>(paid_at_) : std::nullopt;
  return order;
}

Order OrderRepository::insert(Id user_id, Won total, int ttl_seconds, const std::string& ids,
                              const std::string& quantities) {
  user_id_ = user_id;
  total_ = total;
  ttl_ = ttl_seconds;
  ids_ = ids;
  quantities_ = quantities;
  insert_.execute(true);
  Order order;
  order.id = row_.id;
  order.user_id = user_id;
  order.status = "PENDING";
  order.total_amount = total;
  order.created_at = row_.created_at;
  order.expires_at = row_.expires_at;
  return order;
}

std::optional<Order> OrderRepository::find(Id order_id, bool lock) {
  id_ = order_id;
  if (!(lock ? find_locked_ : find_).execute(true)) return std::nullopt;
  return current_row();
}

std::vector<OrderLine> OrderRepository::lines(Id order_id) {
  id_ = order_id;
  std::vector<OrderLine> lines;
  lines_.execute();
  while (lines_.fetch()) lines.push_back(line_);
  return lines;
}

std::vector<Order> OrderRepository::list_for_user(Id user_id, const PageRequest& page) {
  user_id_ = user_id;
  limit_ = page.size;
  offset_ = page.offset();
  std::vector<Order> orders;
  list_.execute();
  while (list_.fetch()) orders.push_back(current_row());
  fill_lines(orders);
  return orders;
}

// One query for the lines of a whole page, not one per order.
void OrderRepository::fill_lines(std::vector<Order>& orders) {
  if (orders.empty()) return;
  std::vector<Id> ids;
  std::map<Id, Order*> by_id;
  for (auto& order : orders) {
    ids.push_back(order.id);
    by_id[order.id] = &order;
  }
  ids_ = pg_array(ids);
  lines_of_.execute();
  while (lines_of_.fetch()) by_id.at(line_order_id_)->lines.push_back(line_);
}

long long OrderRepository::count_for_user(Id user_id) {
  user_id_ = user_id;
  count_stmt_.execute(true);
  return count_;
}

std::string OrderRepository::mark_paid(Id order_id) {
  id_ = order_id;
  mark_paid_.execute(true);
  return paid_at_;
}

void OrderRepository::close(Id order_id, const std::string& status) {
  id_ = order_id;
  status_ = status;
  close_.execute(true);
}

std::optional<Id> OrderRepository::lock_next_expired() {
  if (!next_expired_.execute(true)) return std::nullopt;
  return row_.id;
}

}  // namespace shop::model
