#include "banking/limits/store.hpp"

namespace rg::banking::limits::store {

namespace {

constexpr const char* rule_select =
    "SELECT tenant_id, id, account_id, transaction_type, day_per_transaction, day_per_day, night_per_transaction,"
    " night_per_day, created_at_us, updated_at_us FROM limit_rules";
constexpr const char* level_select =
    "SELECT l.tenant_id, l.id, l.level, l.name, l.day_per_transaction, l.day_per_day, l.night_per_transaction,"
    " l.night_per_day, (SELECT COUNT(*) FROM account_cash_out_levels a WHERE a.tenant_id = l.tenant_id"
    " AND a.level_id = l.id), l.created_at_us, l.updated_at_us FROM cash_out_levels l";

LimitValues values_from(const db::Row& r, std::size_t first) {
  return {r.integer_or_null(first), r.integer_or_null(first + 1), r.integer_or_null(first + 2),
          r.integer_or_null(first + 3)};
}

LimitRule rule_from(const db::Row& r) {
  return {r.integer(0), r.integer(1), r.integer(2), r.text(3), values_from(r, 4), r.integer(8), r.integer(9)};
}

CashOutLevel level_from(const db::Row& r) {
  return {r.integer(0), r.integer(1), static_cast<int>(r.integer(2)), r.text(3), values_from(r, 4), r.integer(8),
          r.integer(9), r.integer(10)};
}

}  // namespace

std::vector<LimitRule> rules(db::Transaction& tx, std::int64_t tenant_id, Id account_id) {
  std::vector<LimitRule> out;
  for (const auto& row :
       tx.query(std::string(rule_select) + " WHERE tenant_id = $1 AND account_id = $2", {tenant_id, account_id})) {
    out.push_back(rule_from(row));
  }
  return out;
}

std::optional<LimitRule> find_rule(db::Transaction& tx, std::int64_t tenant_id, Id account_id,
                                   const std::string& transaction_type, bool lock) {
  auto row =
      tx.query_one(std::string(rule_select) + " WHERE tenant_id = $1 AND account_id = $2 AND transaction_type = $3" +
                       (lock ? tx.for_update() : ""),
                   {tenant_id, account_id, transaction_type});
  if (!row) return std::nullopt;
  return rule_from(*row);
}

void insert_rule(db::Transaction& tx, const LimitRule& r) {
  tx.execute(
      "INSERT INTO limit_rules (tenant_id, id, account_id, transaction_type, day_per_transaction, day_per_day,"
      " night_per_transaction, night_per_day, created_at_us, updated_at_us)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      {r.tenant_id, r.id, r.account_id, r.transaction_type, r.values.day_per_transaction, r.values.day_per_day,
       r.values.night_per_transaction, r.values.night_per_day, r.created_at_us, r.updated_at_us});
}

void update_rule(db::Transaction& tx, const LimitRule& r) {
  tx.execute(
      "UPDATE limit_rules SET day_per_transaction = $3, day_per_day = $4, night_per_transaction = $5,"
      " night_per_day = $6, updated_at_us = $7 WHERE tenant_id = $1 AND id = $2",
      {r.tenant_id, r.id, r.values.day_per_transaction, r.values.day_per_day, r.values.night_per_transaction,
       r.values.night_per_day, r.updated_at_us});
}

void delete_rule(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  tx.execute("DELETE FROM limit_rules WHERE tenant_id = $1 AND id = $2", {tenant_id, id});
}

std::vector<CashOutLevel> levels(db::Transaction& tx, std::int64_t tenant_id) {
  std::vector<CashOutLevel> out;
  for (const auto& row :
       tx.query(std::string(level_select) + " WHERE l.tenant_id = $1 ORDER BY l.level", {tenant_id})) {
    out.push_back(level_from(row));
  }
  return out;
}

std::optional<CashOutLevel> find_level(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock) {
  if (lock) {
    tx.query_one(std::string("SELECT id FROM cash_out_levels WHERE tenant_id = $1 AND id = $2") + tx.for_update(),
                 {tenant_id, id});
  }
  auto row = tx.query_one(std::string(level_select) + " WHERE l.tenant_id = $1 AND l.id = $2", {tenant_id, id});
  if (!row) return std::nullopt;
  return level_from(*row);
}

std::optional<Id> find_level_by_number(db::Transaction& tx, std::int64_t tenant_id, int level) {
  auto row = tx.query_one("SELECT id FROM cash_out_levels WHERE tenant_id = $1 AND level = $2", {tenant_id, level});
  if (!row) return std::nullopt;
  return row->integer(0);
}

void insert_level(db::Transaction& tx, const CashOutLevel& l) {
  tx.execute(
      "INSERT INTO cash_out_levels (tenant_id, id, level, name, day_per_transaction, day_per_day,"
      " night_per_transaction, night_per_day, created_at_us, updated_at_us)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      {l.tenant_id, l.id, l.level, l.name, l.values.day_per_transaction, l.values.day_per_day,
       l.values.night_per_transaction, l.values.night_per_day, l.created_at_us, l.updated_at_us});
}

void update_level(db::Transaction& tx, const CashOutLevel& l) {
  tx.execute(
      "UPDATE cash_out_levels SET level = $3, name = $4, day_per_transaction = $5, day_per_day = $6,"
      " night_per_transaction = $7, night_per_day = $8, updated_at_us = $9 WHERE tenant_id = $1 AND id = $2",
      {l.tenant_id, l.id, l.level, l.name, l.values.day_per_transaction, l.values.day_per_day,
       l.values.night_per_transaction, l.values.night_per_day, l.updated_at_us});
}

void delete_level(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  tx.execute("DELETE FROM cash_out_levels WHERE tenant_id = $1 AND id = $2", {tenant_id, id});
}

std::optional<Id> level_of(db::Transaction& tx, std::int64_t tenant_id, Id account_id) {
  auto row = tx.query_one("SELECT level_id FROM account_cash_out_levels WHERE tenant_id = $1 AND account_id = $2",
                          {tenant_id, account_id});
  if (!row) return std::nullopt;
  return row->integer(0);
}

void assign_level(db::Transaction& tx, std::int64_t tenant_id, Id account_id, Id level_id, std::int64_t now_us) {
  const auto updated = tx.execute(
      "UPDATE account_cash_out_levels SET level_id = $3, assigned_at_us = $4 WHERE tenant_id = $1 AND account_id = $2",
      {tenant_id, account_id, level_id, now_us});
  if (updated == 0) {
    tx.execute(
        "INSERT INTO account_cash_out_levels (tenant_id, account_id, level_id, assigned_at_us)"
        " VALUES ($1, $2, $3, $4)",
        {tenant_id, account_id, level_id, now_us});
  }
}

bool unassign_level(db::Transaction& tx, std::int64_t tenant_id, Id account_id) {
  return tx.execute("DELETE FROM account_cash_out_levels WHERE tenant_id = $1 AND account_id = $2",
                    {tenant_id, account_id}) > 0;
}

}  // namespace rg::banking::limits::store
