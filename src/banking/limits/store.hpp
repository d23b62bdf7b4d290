#pragma once
// SQL for limit_rules, cash_out_levels and account_cash_out_levels (portable, $1..$n).
#include <optional>
#include <string>
#include <vector>

#include "banking/limits/model.hpp"
#include "db/database.hpp"

namespace rg::banking::limits::store {

std::vector<LimitRule> rules(db::Transaction& tx, std::int64_t tenant_id, Id account_id);
std::optional<LimitRule> find_rule(db::Transaction& tx, std::int64_t tenant_id, Id account_id,
                                   const std::string& transaction_type, bool lock = false);
void insert_rule(db::Transaction& tx, const LimitRule& rule);
void update_rule(db::Transaction& tx, const LimitRule& rule);
void delete_rule(db::Transaction& tx, std::int64_t tenant_id, Id id);

std::vector<CashOutLevel> levels(db::Transaction& tx, std::int64_t tenant_id);
std::optional<CashOutLevel> find_level(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock = false);
std::optional<Id> find_level_by_number(db::Transaction& tx, std::int64_t tenant_id, int level);
void insert_level(db::Transaction& tx, const CashOutLevel& level);
void update_level(db::Transaction& tx, const CashOutLevel& level);
void delete_level(db::Transaction& tx, std::int64_t tenant_id, Id id);

std::optional<Id> level_of(db::Transaction& tx, std::int64_t tenant_id, Id account_id);
void assign_level(db::Transaction& tx, std::int64_t tenant_id, Id account_id, Id level_id, std::int64_t now_us);
bool unassign_level(db::Transaction& tx, std::int64_t tenant_id, Id account_id);

}  // namespace rg::banking::limits::store
