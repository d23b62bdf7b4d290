#include "banking/billing/store.hpp"

#include "db/where.hpp"

namespace rg::billing::store {

namespace {

constexpr const char* columns =
    "tenant_id, id, account_id, plan_id, tariff_id, operation, description, amount, status, source_type, source_id,"
    " ledger_transfer_id, attempts, last_attempt_at_us, created_at_us, collected_at_us, collected_on, waived_at_us,"
    " waived_by_name, waive_reason";

Charge from(const db::Row& r) {
  Charge c;
  c.tenant_id = r.integer(0);
  c.id = r.integer(1);
  c.account_id = r.integer(2);
  c.plan_id = r.integer_or_null(3);
  c.tariff_id = r.integer_or_null(4);
  c.operation = r.text(5);
  c.description = r.text(6);
  c.amount = r.integer(7);
  c.status = parse_status(r.text(8)).value_or(ChargeStatus::pending);
  c.source_type = r.text(9);
  c.source_id = r.text(10);
  c.ledger_transfer_id = r.integer_or_null(11);
  c.attempts = static_cast<int>(r.integer(12));
  c.last_attempt_at_us = r.integer_or_null(13);
  c.created_at_us = r.integer(14);
  c.collected_at_us = r.integer_or_null(15);
  c.collected_on = r.text_or_null(16);
  c.waived_at_us = r.integer_or_null(17);
  c.waived_by_name = r.text_or_null(18);
  c.waive_reason = r.text_or_null(19);
  return c;
}

std::vector<Charge> all(const db::Rows& rows) {
  std::vector<Charge> out;
  for (const auto& r : rows) out.push_back(from(r));
  return out;
}

Totals totals_of(const std::optional<db::Row>& row) { return row ? Totals{row->integer(0), row->integer(1)} : Totals{}; }

}  // namespace

void insert(db::Transaction& tx, const Charge& c) {
  tx.execute(std::string("INSERT INTO tariff_charges (") + columns +
                 ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)",
             {c.tenant_id, c.id, c.account_id, c.plan_id, c.tariff_id, c.operation, c.description, c.amount,
              status_name(c.status), c.source_type, c.source_id, c.ledger_transfer_id, c.attempts, c.last_attempt_at_us,
              c.created_at_us, c.collected_at_us, c.collected_on, c.waived_at_us, c.waived_by_name, c.waive_reason});
}

void update(db::Transaction& tx, const Charge& c) {
  tx.execute("UPDATE tariff_charges SET status = $3, ledger_transfer_id = $4, attempts = $5, last_attempt_at_us = $6,"
             " collected_at_us = $7, collected_on = $8, waived_at_us = $9, waived_by_name = $10, waive_reason = $11"
             " WHERE tenant_id = $1 AND id = $2",
             {c.tenant_id, c.id, status_name(c.status), c.ledger_transfer_id, c.attempts, c.last_attempt_at_us,
              c.collected_at_us, c.collected_on, c.waived_at_us, c.waived_by_name, c.waive_reason});
}

std::optional<Charge> find(db::Transaction& tx, Id tenant_id, Id id, bool lock) {
  auto row = tx.query_one(std::string("SELECT ") + columns + " FROM tariff_charges WHERE tenant_id = $1 AND id = $2" +
                              (lock ? tx.for_update() : ""),
                          {tenant_id, id});
  if (!row) return std::nullopt;
  return from(*row);
}

std::optional<Charge> find_by_source(db::Transaction& tx, Id tenant_id, Id account_id, const std::string& source_type,
                                     const std::string& source_id) {
  auto row = tx.query_one(std::string("SELECT ") + columns +
                              " FROM tariff_charges WHERE tenant_id = $1 AND account_id = $2 AND source_type = $3"
                              " AND source_id = $4",
                          {tenant_id, account_id, source_type, source_id});
  if (!row) return std::nullopt;
  return from(*row);
}

std::vector<Charge> list(db::Transaction& tx, Id tenant_id, const ListFilter& f) {
  db::Where w(std::string("SELECT ") + columns + " FROM tariff_charges WHERE tenant_id = $1", {tenant_id});
  if (f.status) w.compare("status", "=", status_name(*f.status));
  w.equal("account_id", f.account_id).equal("operation", f.operation);
  w.period("created_at_us", f.from_us, f.to_us).before("id", f.before_id);
  return all(w.order_by("id DESC", f.limit).query(tx));
}

std::vector<Charge> pending(db::Transaction& tx, Id after_id, int limit) {
  return all(tx.query(std::string("SELECT ") + columns +
                          " FROM tariff_charges WHERE status = 'pending' AND id > $1 ORDER BY id LIMIT $2" +
                          tx.for_update(),
                      {after_id, static_cast<std::int64_t>(limit)}));
}

std::vector<RevenueRow> revenue(db::Transaction& tx, Id tenant_id, RevenueGroup group, std::optional<std::int64_t> from_us,
                                std::optional<std::int64_t> to_us) {
  // The key, the label and the operation of each group; MAX() picks the one value a group has
  // (or the latest description of a tariff).
  std::string select;
  std::string by;
  switch (group) {
    case RevenueGroup::tariff:
      select = "COALESCE(tariff_id, 0), MAX(description), MAX(operation), MAX(plan_id)";
      by = "COALESCE(tariff_id, 0)";
      break;
    case RevenueGroup::operation:
      select = "0, operation, operation, NULL";
      by = "operation";
      break;
    case RevenueGroup::month:
      select = "0, substr(collected_on, 1, 7), '', NULL";
      by = "substr(collected_on, 1, 7)";
      break;
  }
  db::Where w("SELECT " + select + ", COUNT(*), SUM(amount) FROM tariff_charges WHERE tenant_id = $1", {tenant_id});
  w.condition("status = 'collected'").period("collected_at_us", from_us, to_us);
  w.group_by(by);
  std::vector<RevenueRow> out;
  for (const auto& r : w.order_by("SUM(amount) DESC", 1000).query(tx)) {
    RevenueRow row;
    const auto tariff = r.integer_or_null(0).value_or(0);
    row.label = r.text_or_null(1).value_or("");
    row.operation = r.text_or_null(2).value_or("");
    row.plan_id = r.integer_or_null(3);
    row.count = r.integer(4);
    row.amount = r.integer(5);
    if (group == RevenueGroup::tariff && tariff != 0) row.tariff_id = tariff;
    row.key = group == RevenueGroup::tariff ? std::to_string(tariff) : row.label;
    out.push_back(std::move(row));
  }
  return out;
}

Totals collected(db::Transaction& tx, Id tenant_id, std::optional<std::int64_t> from_us,
                 std::optional<std::int64_t> to_us) {
  db::Where w("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM tariff_charges WHERE tenant_id = $1", {tenant_id});
  w.condition("status = 'collected'").period("collected_at_us", from_us, to_us);
  auto rows = w.query(tx);
  return rows.empty() ? Totals{} : Totals{rows[0].integer(0), rows[0].integer(1)};
}

Totals pending_totals(db::Transaction& tx, Id tenant_id) {
  return totals_of(tx.query_one(
      "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM tariff_charges WHERE tenant_id = $1 AND status = 'pending'",
      {tenant_id}));
}

std::vector<FeeCandidate> monthly_fee_candidates(db::Transaction& tx, const std::string& month, Id after_tenant,
                                                 Id after_account, int limit) {
  std::vector<FeeCandidate> out;
  for (const auto& r : tx.query(
           "SELECT a.tenant_id, a.id, a.plan_id FROM accounts a WHERE a.status = 'active' AND a.parent_id IS NULL"
           " AND a.plan_id IS NOT NULL AND (a.tenant_id > $2 OR (a.tenant_id = $2 AND a.id > $3))"
           " AND NOT EXISTS (SELECT 1 FROM tariff_charges c WHERE c.tenant_id = a.tenant_id AND c.account_id = a.id"
           " AND c.source_type = 'monthly_fee' AND c.source_id = $1)"
           " ORDER BY a.tenant_id, a.id LIMIT $4",
           {month, after_tenant, after_account, static_cast<std::int64_t>(limit)})) {
    out.push_back({r.integer(0), r.integer(1), r.integer(2)});
  }
  return out;
}

}  // namespace rg::billing::store
