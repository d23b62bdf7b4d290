#pragma once
// Shared by the banking tests: a migrated database with the ledger and accounts services wired as
// main.cpp wires them, two customers (501 Maria, 502 a company) and two plans (1 Essencial, the
// default, no overdraft; 2 Empresarial, R$ 500,00 overdraft) standing in for the customers and
// plans modules behind their hooks.
#include <gtest/gtest.h>

#include "banking/accounts/service.hpp"
#include "core/clock.hpp"
#include "db/migrations.hpp"
#include "support/test_db.hpp"

namespace rg::test {

using accounts::AccountView;
using accounts::Holder;
using accounts::PlanTerms;

class BankingFixture : public ::testing::Test {
 public:
  static constexpr Id tenant = 31;

 protected:
  BankingFixture()
      : clock_(1'790'000'000'000'000), ids_(clock_, 9), audit_(clock_, ids_), log_(catalog_, clock_, ids_),
        ledger_(db(), clock_, ids_), accounts_(db(), clock_, ids_, audit_, log_, ledger_) {
    accounts::register_account_events(catalog_);
    accounts_.set_holder_lookup([](db::Transaction&, Id t, Id customer) -> std::optional<Holder> {
      if (t != tenant) return std::nullopt;
      if (customer == 501) return Holder{"Maria da Silva", "123.456.789-09"};
      if (customer == 502) return Holder{"Padaria Pão Quente Ltda", "12.345.678/0001-95"};
      return std::nullopt;
    });
    accounts_.set_plan_lookup(
        [](db::Transaction&, Id, Id plan) -> std::optional<PlanTerms> {
          if (plan == 1) return PlanTerms{"Essencial", 0};
          if (plan == 2) return PlanTerms{"Empresarial", 50'000};
          return std::nullopt;
        },
        [](db::Transaction&, Id) -> std::optional<Id> { return 1; });
  }
  void SetUp() override { ASSERT_TRUE(db::Migrator(db(), db::embedded_migration_files()).migrate().ok()); }
  db::Database& db() { return test_db_.db(); }
  static audit::Entry who() {
    audit::Entry e;
    e.tenant_id = tenant;
    e.actor_type = "operator";
    e.actor_id = 7;
    e.actor_name = "Gestora";
    return e;
  }
  AccountView open(Id customer = 501) {
    auto v = accounts_.open(who(), {customer, std::nullopt, std::nullopt, ""});
    EXPECT_TRUE(v.ok()) << (v ? "" : v.error().detail);
    return *v;
  }
  std::int64_t balance(Id id) { return accounts_.view(tenant, id)->ledger.balance(); }
  std::int64_t scalar(const std::string& sql, const db::Params& p = {}) {
    return db().transact(db::TxMode::read, [&](db::Transaction& tx) { return tx.query_one(sql, p)->integer(0); });
  }
  void expect_ledger_balanced() {
    EXPECT_EQ(scalar("SELECT COALESCE(SUM(debits_posted), 0) - COALESCE(SUM(credits_posted), 0) FROM ledger_accounts"
                     " WHERE tenant_id = $1",
                     {tenant}),
              0);
  }

  test::TestDatabase test_db_;
  ManualClock clock_;
  IdGenerator ids_;
  audit::AuditLog audit_;
  events::EventCatalog catalog_;
  events::EventLog log_;
  ledger::LedgerService ledger_;
  accounts::AccountService accounts_;
};

}  // namespace rg::test
