#include "model/user/user_facade.hpp"

#include "model/db/database.hpp"
#include "model/user/user_service.hpp"

namespace shop::model {

User UserFacade::register_user(const std::string& name) {
  return db_.transact([&] { return users_.register_user(name); });
}

}  // namespace shop::model
