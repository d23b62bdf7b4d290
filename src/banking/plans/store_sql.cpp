#include <boost/json.hpp>

#include "banking/plans/store.hpp"
#include "db/where.hpp"
#include "platform/tags/model.hpp"
#include "platform/tags/store.hpp"

namespace rg::banking::plans::store {

namespace {

namespace json = boost::json;
using tags::store::fold;  // the same case folding as tag names

constexpr const char* plan_select =
    "SELECT p.tenant_id, p.id, p.name, p.description, p.active, p.is_default, p.overdraft_limit, p.monthly_fee,"
    " p.parameters, (SELECT COUNT(*) FROM tariffs t WHERE t.tenant_id = p.tenant_id AND t.plan_id = p.id),"
    " p.created_at_us, p.updated_at_us FROM plans p";
constexpr const char* tariff_select =
    "SELECT t.tenant_id, t.id, t.plan_id, p.name, t.operation, t.kind, t.fixed_amount, t.rate_bps, t.min_amount,"
    " t.max_amount, t.free_quota, t.active, t.description, t.created_at_us, t.updated_at_us"
    " FROM tariffs t JOIN plans p ON p.tenant_id = t.tenant_id AND p.id = t.plan_id";

std::string parameters_text(const std::map<std::string, std::string>& parameters) {
  json::object o;
  for (const auto& [k, v] : parameters) o[k] = v;
  return json::serialize(o);
}

std::map<std::string, std::string> parameters_from(const std::string& text) {
  std::map<std::string, std::string> out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& [k, value] : v.as_object()) {
    if (value.is_string()) out[std::string(k)] = std::string(value.as_string());
  }
  return out;
}

std::vector<std::string> card_products(db::Transaction& tx, std::int64_t tenant_id, Id plan_id) {
  std::vector<std::string> out;
  for (const auto& row : tx.query("SELECT card_product_id FROM plan_card_products WHERE tenant_id = $1 AND plan_id = $2"
                                  " ORDER BY card_product_id",
                                  {tenant_id, plan_id})) {
    out.push_back(row.text(0));
  }
  return out;
}

Plan plan_from(db::Transaction& tx, const db::Row& r) {
  Plan p;
  p.tenant_id = r.integer(0);
  p.id = r.integer(1);
  p.name = r.text(2);
  p.description = r.text(3);
  p.active = r.integer(4) != 0;
  p.is_default = r.integer(5) != 0;
  p.overdraft_limit = r.integer(6);
  p.monthly_fee = r.integer(7);
  p.parameters = parameters_from(r.text(8));
  p.tariff_count = r.integer(9);
  p.created_at_us = r.integer(10);
  p.updated_at_us = r.integer(11);
  p.card_product_ids = card_products(tx, p.tenant_id, p.id);
  return p;
}

Tariff tariff_from(const db::Row& r) {
  Tariff t;
  t.tenant_id = r.integer(0);
  t.id = r.integer(1);
  t.plan_id = r.integer(2);
  t.plan_name = r.text(3);
  t.operation = r.text(4);
  t.kind = kind_from(r.text(5)).value_or(TariffKind::fixed);
  t.fixed_amount = r.integer(6);
  t.rate_bps = r.integer(7);
  t.min_amount = r.integer_or_null(8);
  t.max_amount = r.integer_or_null(9);
  t.free_quota = static_cast<int>(r.integer(10));
  t.active = r.integer(11) != 0;
  t.description = r.text(12);
  t.created_at_us = r.integer(13);
  t.updated_at_us = r.integer(14);
  return t;
}

std::string like_pattern(const std::string& text) {
  std::string out = "%";
  for (const char c : fold(text)) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace

std::optional<Plan> find_plan(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock, bool deleted) {
  const std::string live = deleted ? " AND p.deleted_at_us IS NOT NULL" : " AND p.deleted_at_us IS NULL";
  if (lock) {
    tx.query_one(std::string("SELECT id FROM plans WHERE tenant_id = $1 AND id = $2") + tx.for_update(),
                 {tenant_id, id});
  }
  auto row = tx.query_one(std::string(plan_select) + " WHERE p.tenant_id = $1 AND p.id = $2" + live, {tenant_id, id});
  if (!row) return std::nullopt;
  return plan_from(tx, *row);
}

std::vector<Plan> list_plans(db::Transaction& tx, std::int64_t tenant_id, const PlanFilter& f) {
  db::Where where(std::string(plan_select) + " WHERE p.tenant_id = $1 AND p.deleted_at_us IS NULL", {tenant_id});
  where.equal("p.active", f.active ? std::optional<std::int64_t>(*f.active ? 1 : 0) : std::nullopt);
  if (f.text) where.condition("p.name_folded LIKE " + where.bind(like_pattern(*f.text)) + " ESCAPE '\\'");
  if (f.tag_id) where.condition(tags::tagged_condition(record_type_plan, "p.tenant_id", "p.id", where.bind(*f.tag_id)));
  where.after("p.id", f.after_id).order_by("p.id", f.limit);
  std::vector<Plan> out;
  for (const auto& row : where.query(tx)) out.push_back(plan_from(tx, row));
  return out;
}

std::optional<Id> find_plan_by_name(db::Transaction& tx, std::int64_t tenant_id, const std::string& name) {
  auto row = tx.query_one("SELECT id FROM plans WHERE tenant_id = $1 AND name_folded = $2 AND deleted_at_us IS NULL",
                          {tenant_id, fold(name)});
  if (!row) return std::nullopt;
  return row->integer(0);
}

std::optional<Id> default_plan(db::Transaction& tx, std::int64_t tenant_id, bool lock) {
  auto row = tx.query_one(std::string("SELECT id FROM plans WHERE tenant_id = $1 AND is_default = 1"
                                      " AND deleted_at_us IS NULL") +
                              (lock ? tx.for_update() : ""),
                          {tenant_id});
  if (!row) return std::nullopt;
  return row->integer(0);
}

std::int64_t count_plans(db::Transaction& tx, std::int64_t tenant_id) {
  return tx.query_one("SELECT COUNT(*) FROM plans WHERE tenant_id = $1 AND deleted_at_us IS NULL", {tenant_id})
      ->integer(0);
}

void insert_plan(db::Transaction& tx, const Plan& p) {
  tx.execute(
      "INSERT INTO plans (tenant_id, id, name, name_folded, description, active, is_default, overdraft_limit,"
      " monthly_fee, parameters, created_at_us, updated_at_us)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
      {p.tenant_id, p.id, p.name, fold(p.name), p.description, p.active, p.is_default, p.overdraft_limit, p.monthly_fee,
       parameters_text(p.parameters), p.created_at_us, p.updated_at_us});
  for (const auto& card : p.card_product_ids) add_card_product(tx, p.tenant_id, p.id, card, p.created_at_us);
}

void update_plan(db::Transaction& tx, const Plan& p) {
  tx.execute(
      "UPDATE plans SET name = $3, name_folded = $4, description = $5, active = $6, is_default = $7,"
      " overdraft_limit = $8, monthly_fee = $9, parameters = $10, updated_at_us = $11"
      " WHERE tenant_id = $1 AND id = $2",
      {p.tenant_id, p.id, p.name, fold(p.name), p.description, p.active, p.is_default, p.overdraft_limit, p.monthly_fee,
       parameters_text(p.parameters), p.updated_at_us});
}

void soft_delete_plan(db::Transaction& tx, std::int64_t tenant_id, Id id, std::optional<Id> by, std::int64_t now_us) {
  tx.execute("UPDATE plans SET deleted_at_us = $3, deleted_by = $4, is_default = 0 WHERE tenant_id = $1 AND id = $2",
             {tenant_id, id, now_us, by});
}

bool restore_plan(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us) {
  return tx.execute(
             "UPDATE plans SET deleted_at_us = NULL, deleted_by = NULL, is_default = 0, updated_at_us = $3"
             " WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NOT NULL",
             {tenant_id, id, now_us}) > 0;
}

bool add_card_product(db::Transaction& tx, std::int64_t tenant_id, Id plan_id, const std::string& card_product_id,
                      std::int64_t now_us) {
  if (tx.query_one("SELECT 1 FROM plan_card_products WHERE tenant_id = $1 AND plan_id = $2 AND card_product_id = $3",
                   {tenant_id, plan_id, card_product_id})) {
    return false;
  }
  tx.execute(
      "INSERT INTO plan_card_products (tenant_id, plan_id, card_product_id, added_at_us) VALUES ($1, $2, $3, $4)",
      {tenant_id, plan_id, card_product_id, now_us});
  return true;
}

bool remove_card_product(db::Transaction& tx, std::int64_t tenant_id, Id plan_id, const std::string& card_product_id) {
  return tx.execute("DELETE FROM plan_card_products WHERE tenant_id = $1 AND plan_id = $2 AND card_product_id = $3",
                    {tenant_id, plan_id, card_product_id}) > 0;
}

std::optional<Tariff> find_tariff(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock) {
  if (lock) {
    tx.query_one(std::string("SELECT id FROM tariffs WHERE tenant_id = $1 AND id = $2") + tx.for_update(),
                 {tenant_id, id});
  }
  auto row =
      tx.query_one(std::string(tariff_select) + " WHERE t.tenant_id = $1 AND t.id = $2 AND p.deleted_at_us IS NULL",
                   {tenant_id, id});
  if (!row) return std::nullopt;
  return tariff_from(*row);
}

std::optional<Tariff> find_tariff_for(db::Transaction& tx, std::int64_t tenant_id, Id plan_id,
                                      const std::string& operation) {
  auto row =
      tx.query_one(std::string(tariff_select) + " WHERE t.tenant_id = $1 AND t.plan_id = $2 AND t.operation = $3",
                   {tenant_id, plan_id, operation});
  if (!row) return std::nullopt;
  return tariff_from(*row);
}

std::vector<Tariff> list_tariffs(db::Transaction& tx, std::int64_t tenant_id, const TariffFilter& f) {
  db::Where where(std::string(tariff_select) + " WHERE t.tenant_id = $1 AND p.deleted_at_us IS NULL", {tenant_id});
  where.equal("t.plan_id", f.plan_id).equal("t.operation", f.operation);
  where.equal("t.active", f.active ? std::optional<std::int64_t>(*f.active ? 1 : 0) : std::nullopt);
  where.after("t.id", f.after_id).order_by("t.id", f.limit);
  std::vector<Tariff> out;
  for (const auto& row : where.query(tx)) out.push_back(tariff_from(row));
  return out;
}

void insert_tariff(db::Transaction& tx, const Tariff& t) {
  tx.execute(
      "INSERT INTO tariffs (tenant_id, id, plan_id, operation, kind, fixed_amount, rate_bps, min_amount,"
      " max_amount, free_quota, active, description, created_at_us, updated_at_us)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
      {t.tenant_id, t.id, t.plan_id, t.operation, kind_name(t.kind), t.fixed_amount, t.rate_bps, t.min_amount,
       t.max_amount, t.free_quota, t.active, t.description, t.created_at_us, t.updated_at_us});
}

void update_tariff(db::Transaction& tx, const Tariff& t) {
  tx.execute(
      "UPDATE tariffs SET kind = $3, fixed_amount = $4, rate_bps = $5, min_amount = $6, max_amount = $7,"
      " free_quota = $8, active = $9, description = $10, updated_at_us = $11 WHERE tenant_id = $1 AND id = $2",
      {t.tenant_id, t.id, kind_name(t.kind), t.fixed_amount, t.rate_bps, t.min_amount, t.max_amount, t.free_quota,
       t.active, t.description, t.updated_at_us});
}

void delete_tariff(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  tx.execute("DELETE FROM tariffs WHERE tenant_id = $1 AND id = $2", {tenant_id, id});
}

}  // namespace rg::banking::plans::store
