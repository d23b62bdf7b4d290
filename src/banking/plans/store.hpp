#pragma once
// SQL for plans, plan_card_products and tariffs (portable, $1..$n).
#include <optional>
#include <string>
#include <vector>

#include "banking/plans/model.hpp"
#include "db/database.hpp"

namespace rg::banking::plans::store {

// Live plans only (deleted_at_us IS NULL) unless `deleted` is true.
std::optional<Plan> find_plan(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock = false,
                              bool deleted = false);
std::vector<Plan> list_plans(db::Transaction& tx, std::int64_t tenant_id, const PlanFilter& filter);
std::optional<Id> find_plan_by_name(db::Transaction& tx, std::int64_t tenant_id, const std::string& name);
std::optional<Id> default_plan(db::Transaction& tx, std::int64_t tenant_id, bool lock = false);
std::int64_t count_plans(db::Transaction& tx, std::int64_t tenant_id);
void insert_plan(db::Transaction& tx, const Plan& plan);
void update_plan(db::Transaction& tx, const Plan& plan);
void soft_delete_plan(db::Transaction& tx, std::int64_t tenant_id, Id id, std::optional<Id> by, std::int64_t now_us);
bool restore_plan(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us);

bool add_card_product(db::Transaction& tx, std::int64_t tenant_id, Id plan_id, const std::string& card_product_id,
                      std::int64_t now_us);
bool remove_card_product(db::Transaction& tx, std::int64_t tenant_id, Id plan_id, const std::string& card_product_id);

std::optional<Tariff> find_tariff(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock = false);
std::optional<Tariff> find_tariff_for(db::Transaction& tx, std::int64_t tenant_id, Id plan_id,
                                      const std::string& operation);
std::vector<Tariff> list_tariffs(db::Transaction& tx, std::int64_t tenant_id, const TariffFilter& filter);
void insert_tariff(db::Transaction& tx, const Tariff& tariff);
void update_tariff(db::Transaction& tx, const Tariff& tariff);
void delete_tariff(db::Transaction& tx, std::int64_t tenant_id, Id id);

}  // namespace rg::banking::plans::store
