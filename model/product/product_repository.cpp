#include "model/product/product_repository.hpp"

namespace shop::model {
namespace {

constexpr const char* kFind = "SELECT id, name, price, stock FROM products WHERE id = :id";

constexpr const char* kList = "SELECT id, name, price, stock FROM products ORDER BY id LIMIT :limit OFFSET :offset";

constexpr const char* kCount = "SELECT count(*) FROM products";

constexpr const char* kInsert =
    "INSERT INTO products (name, price, stock) VALUES (:name, :price, :stock) RETURNING id, name, price, stock";

// NULL parameters leave their column as it is.
constexpr const char* kUpdate = R"SQL(
UPDATE products SET name = COALESCE(:name::text, name), price = COALESCE(:price::bigint, price),
                    stock = COALESCE(:stock::bigint, stock), updated_at = now()
WHERE id = :id::bigint
RETURNING id, name, price, stock)SQL";

// NO KEY UPDATE is the lock an UPDATE takes; unlike FOR UPDATE it lets foreign-key checks of other
// transactions (order lines, baskets, sales) through.
constexpr const char* kLock = R"SQL(
SELECT id, name, price, stock FROM products WHERE id = ANY(:ids::bigint[]) ORDER BY id FOR NO KEY UPDATE)SQL";

constexpr const char* kTake = R"SQL(
UPDATE products p SET stock = p.stock - v.quantity, updated_at = now()
FROM unnest(:ids::bigint[], :quantities::integer[]) AS v(id, quantity)
WHERE p.id = v.id)SQL";

constexpr const char* kLockForRestock = R"SQL(
SELECT p.id FROM products p
WHERE p.id IN (SELECT product_id FROM order_items WHERE order_id = :order_id::bigint)
ORDER BY p.id FOR NO KEY UPDATE)SQL";

constexpr const char* kRestock = R"SQL(
UPDATE products p SET stock = p.stock + i.quantity, updated_at = now()
FROM order_items i
WHERE i.order_id = :order_id::bigint AND p.id = i.product_id)SQL";

}  // namespace

ProductRepository::ProductRepository(soci::session& sql)
    : find_((sql.prepare << kFind, soci::use(id_), soci::into(row_.id), soci::into(row_.name), soci::into(row_.price),
             soci::into(row_.stock))),
      list_((sql.prepare << kList, soci::use(limit_, "limit"), soci::use(offset_, "offset"), soci::into(row_.id),
             soci::into(row_.name), soci::into(row_.price), soci::into(row_.stock))),
      count_stmt_((sql.prepare << kCount, soci::into(count_))),
      insert_((sql.prepare << kInsert, soci::use(new_name_, "name"), soci::use(new_price_, "price"),
               soci::use(new_stock_, "stock"), soci::into(row_.id), soci::into(row_.name), soci::into(row_.price),
               soci::into(row_.stock))),
      update_((sql.prepare << kUpdate, soci::use(new_name_, name_ind_, "name"),
               soci::use(new_price_, price_ind_, "price"), soci::use(new_stock_, stock_ind_, "stock"),
               soci::use(id_, "id"), soci::into(row_.id), soci::into(row_.name), soci::into(row_.price),
               soci::into(row_.stock))),
      lock_((sql.prepare << kLock, soci::use(ids_, "ids"), soci::into(row_.id), soci::into(row_.name),
             soci::into(row_.price), soci::into(row_.stock))),
      take_((sql.prepare << kTake, soci::use(ids_, "ids"), soci::use(quantities_, "quantities"))),
      lock_for_restock_((sql.prepare << kLockForRestock, soci::use(id_, "order_id"), soci::into(row_.id))),
      restock_((sql.prepare << kRestock, soci::use(id_, "order_id"))) {}

std::optional<Product> ProductRepository::find(Id id) {
  id_ = id;
  if (!find_.execute(true)) return std::nullopt;
  return row_;
}

std::vector<Product> ProductRepository::list(const PageRequest& page) {
  limit_ = page.size;
  offset_ = page.offset();
  std::vector<Product> products;
  list_.execute();
  while (list_.fetch()) products.push_back(row_);
  return products;
}

long long ProductRepository::count() {
  count_stmt_.execute(true);
  return count_;
}

Product ProductRepository::insert(const ProductDraft& draft) {
  new_name_ = draft.name;
  new_price_ = draft.price;
  new_stock_ = draft.stock;
  insert_.execute(true);
  return row_;
}

std::optional<Product> ProductRepository::update(Id id, const ProductChanges& changes) {
  id_ = id;
  new_name_ = changes.name.value_or(std::string());
  new_price_ = changes.price.value_or(0);
  new_stock_ = changes.stock.value_or(0);
  name_ind_ = changes.name ? soci::i_ok : soci::i_null;
  price_ind_ = changes.price ? soci::i_ok : soci::i_null;
  stock_ind_ = changes.stock ? soci::i_ok : soci::i_null;
  if (!update_.execute(true)) return std::nullopt;
  return row_;
}

std::vector<Product> ProductRepository::lock(const std::string& ids) {
  ids_ = ids;
  std::vector<Product> products;
  lock_.execute();
  while (lock_.fetch()) products.push_back(row_);
  return products;
}

void ProductRepository::take_stock(const std::string& ids, const std::string& quantities) {
  ids_ = ids;
  quantities_ = quantities;
  take_.execute(true);
}

void ProductRepository::restock(Id order_id) {
  id_ = order_id;
  lock_for_restock_.execute();
  while (lock_for_restock_.fetch()) {
  }
  restock_.execute(true);
}

}  // namespace shop::model
