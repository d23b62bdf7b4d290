#include "banking/accounts/store.hpp"

#include "db/where.hpp"

namespace rg::accounts::store {

namespace {

constexpr const char* columns =
    "tenant_id, id, customer_id, kind, parent_id, branch, number, check_digit, status, status_reason, plan_id,"
    " night_start_minutes, description, created_at_us, updated_at_us, cancelled_at_us";

Account from(const db::Row& r) {
  Account a;
  a.tenant_id = r.integer(0);
  a.id = r.integer(1);
  a.customer_id = r.integer(2);
  a.kind = parse_kind(r.text(3)).value_or(Kind::main);
  a.parent_id = r.integer_or_null(4);
  a.branch = r.text(5);
  a.number = r.text(6);
  a.check_digit = r.text(7);
  a.status = parse_status(r.text(8)).value_or(AccountStatus::active);
  a.status_reason = r.text(9);
  a.plan_id = r.integer_or_null(10);
  a.night_start_minutes = static_cast<int>(r.integer(11));
  a.description = r.text(12);
  a.created_at_us = r.integer(13);
  a.updated_at_us = r.integer(14);
  a.cancelled_at_us = r.integer_or_null(15);
  return a;
}

std::vector<Account> all(const db::Rows& rows) {
  std::vector<Account> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(from(r));
  return out;
}

}  // namespace

void insert(db::Transaction& tx, const Account& a) {
  tx.execute(std::string("INSERT INTO accounts (") + columns +
                 ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
             {a.tenant_id, a.id, a.customer_id, kind_name(a.kind), a.parent_id, a.branch, a.number, a.check_digit,
              status_name(a.status), a.status_reason, a.plan_id, a.night_start_minutes, a.description, a.created_at_us,
              a.updated_at_us, a.cancelled_at_us});
}

void update(db::Transaction& tx, const Account& a) {
  tx.execute("UPDATE accounts SET status = $3, status_reason = $4, plan_id = $5, night_start_minutes = $6,"
             " description = $7, updated_at_us = $8, cancelled_at_us = $9 WHERE tenant_id = $1 AND id = $2",
             {a.tenant_id, a.id, status_name(a.status), a.status_reason, a.plan_id, a.night_start_minutes, a.description,
              a.updated_at_us, a.cancelled_at_us});
}

std::optional<Account> find(db::Transaction& tx, Id tenant_id, Id id, bool lock) {
  auto row = tx.query_one(std::string("SELECT ") + columns + " FROM accounts WHERE tenant_id = $1 AND id = $2" +
                              (lock ? tx.for_update() : ""),
                          {tenant_id, id});
  if (!row) return std::nullopt;
  return from(*row);
}

std::optional<Account> find_by_number(db::Transaction& tx, Id tenant_id, const std::string& branch,
                                      const std::string& number) {
  auto row = tx.query_one(std::string("SELECT ") + columns +
                              " FROM accounts WHERE tenant_id = $1 AND branch = $2 AND number = $3",
                          {tenant_id, branch, number});
  if (!row) return std::nullopt;
  return from(*row);
}

std::vector<Account> list(db::Transaction& tx, Id tenant_id, const ListFilter& f) {
  db::Where w(std::string("SELECT ") + columns + " FROM accounts WHERE tenant_id = $1", {tenant_id});
  w.equal("customer_id", f.customer_id).equal("parent_id", f.parent_id).equal("number", f.number);
  if (f.status) w.compare("status", "=", status_name(*f.status));
  if (f.kind) w.compare("kind", "=", kind_name(*f.kind));
  return all(w.before("id", f.before_id).order_by("id DESC", f.limit).query(tx));
}

std::vector<Account> children(db::Transaction& tx, Id tenant_id, Id parent_id) {
  return all(tx.query(std::string("SELECT ") + columns + " FROM accounts WHERE tenant_id = $1 AND parent_id = $2 ORDER BY id",
                      {tenant_id, parent_id}));
}

std::int64_t count_with_plan(db::Transaction& tx, Id tenant_id, Id plan_id) {
  return tx.query_one("SELECT COUNT(*) FROM accounts WHERE tenant_id = $1 AND plan_id = $2 AND status <> 'cancelled'",
                      {tenant_id, plan_id})
      ->integer(0);
}

std::int64_t count_of_customer(db::Transaction& tx, Id tenant_id, Id customer_id) {
  return tx.query_one("SELECT COUNT(*) FROM accounts WHERE tenant_id = $1 AND customer_id = $2", {tenant_id, customer_id})
      ->integer(0);
}

std::int64_t next_number(db::Transaction& tx, Id tenant_id) {
  auto row = tx.query_one(std::string("SELECT next_number FROM account_numbers WHERE tenant_id = $1") + tx.for_update(),
                          {tenant_id});
  const std::int64_t number = row ? row->integer(0) : first_account_number;
  if (row) {
    tx.execute("UPDATE account_numbers SET next_number = $2 WHERE tenant_id = $1", {tenant_id, number + 1});
  } else {
    tx.execute("INSERT INTO account_numbers (tenant_id, next_number) VALUES ($1, $2)", {tenant_id, number + 1});
  }
  return number;
}

std::optional<Id> tenant_ledger_account(db::Transaction& tx, Id tenant_id, const std::string& purpose) {
  auto row = tx.query_one("SELECT ledger_account_id FROM tenant_ledger_accounts WHERE tenant_id = $1 AND purpose = $2",
                          {tenant_id, purpose});
  if (!row) return std::nullopt;
  return row->integer(0);
}

void insert_tenant_ledger_account(db::Transaction& tx, Id tenant_id, const std::string& purpose, Id ledger_account_id) {
  tx.execute("INSERT INTO tenant_ledger_accounts (tenant_id, purpose, ledger_account_id) VALUES ($1, $2, $3)",
             {tenant_id, purpose, ledger_account_id});
}

}  // namespace rg::accounts::store
