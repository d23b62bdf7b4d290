// covers TRX-06 ACC-03 (monthly fees charged once per São Paulo month to every active main
// account whose plan has one; pending without balance and collected later by the job or "collect
// now"; waived with a reason; the revenue center's totals) on SQLite and PostgreSQL.
#include "banking/banking_fixture.hpp"
#include "banking/billing/service.hpp"

namespace rg::billing {
namespace {

constexpr Id tenant = test::BankingFixture::tenant;

class BillingTest : public test::BankingFixture {
 protected:
  BillingTest() : billing_(db(), clock_, ids_, audit_, log_, accounts_, ledger_) {
    register_billing_events(catalog_);
    // Plan 1 (Essencial, no overdraft) charges R$ 19,90 a month; plan 2 (Empresarial) nothing.
    billing_.set_monthly_fee([](db::Transaction&, Id, Id plan, std::int64_t) {
      return plan == 1 ? TariffDue{1'990, "Mensalidade Essencial", Id{88}, Id{1}, "monthly_fee"} : TariffDue{};
    });
    billing_.set_plan_name([](db::Transaction&, Id, Id plan) -> std::optional<std::string> {
      return plan == 1 ? std::optional<std::string>("Essencial") : std::nullopt;
    });
  }
  accounts::AccountView open_on(Id plan, Id customer = 502) {
    auto v = accounts_.open(who(), {customer, plan, std::nullopt, ""});
    EXPECT_TRUE(v.ok()) << (v ? "" : v.error().detail);
    return *v;
  }
  std::vector<Charge> of(ChargeStatus status) {
    ListFilter f;
    f.status = status;
    return billing_.list(tenant, f);
  }
  // 10:00 São Paulo of a date.
  void set_day(Date day) { clock_.set_us(sao_paulo_start_of_day_us(day) + 10LL * 3600 * 1'000'000); }

  BillingService billing_;
};

TEST_F(BillingTest, MonthlyFeesAreChargedOncePerMonthPendingUntilThereIsBalance_TRX06) {
  set_day(Date{2026, 11, 30});
  const auto paying = open_on(1);
  const auto broke = open_on(1);
  const auto free_plan = open_on(2, 501);
  const auto sub = accounts_.open_sub(who(), paying.account.id, accounts::Kind::wallet, "");
  ASSERT_TRUE(sub.ok());
  ASSERT_TRUE(accounts_.deposit(who(), paying.account.id, 5'000, "").ok());

  EXPECT_EQ(billing_.charge_monthly_fees(), 2) << "two main accounts on plan 1; the sub-account and plan 2 owe nothing";
  EXPECT_EQ(billing_.charge_monthly_fees(), 0) << "once per month";
  EXPECT_EQ(balance(paying.account.id), 5'000 - 1'990);
  auto pending = of(ChargeStatus::pending);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].account_id, broke.account.id);
  EXPECT_EQ(pending[0].source_id, "2026-11");
  EXPECT_EQ(of(ChargeStatus::collected).at(0).collected_on, std::optional<std::string>("2026-11-30"));

  // Collect now without balance: 409 naming balance, the attempt counted.
  auto refused = billing_.collect(who(), pending[0].id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "balance");
  EXPECT_EQ(billing_.get(tenant, pending[0].id)->attempts, 2);

  // December: new fees; November's pending one is collected once money arrives.
  set_day(Date{2026, 12, 1});
  EXPECT_EQ(billing_.charge_monthly_fees(), 2);
  ASSERT_TRUE(accounts_.deposit(who(), broke.account.id, 3'000, "").ok());
  EXPECT_EQ(billing_.collect_pending(), 1) << "oldest first: November's fee; December's does not fit any more";
  EXPECT_EQ(balance(broke.account.id), 3'000 - 1'990);
  pending = of(ChargeStatus::pending);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].source_id, "2026-12");

  // The operator waives it: it leaves the worklist and is never collected.
  auto waived = billing_.waive(who(), pending[0].id, "Cortesia: cliente novo");
  ASSERT_TRUE(waived.ok());
  EXPECT_EQ(waived->status, ChargeStatus::waived);
  EXPECT_EQ(waived->waived_by_name, std::optional<std::string>("Gestora"));
  EXPECT_EQ(billing_.waive(who(), pending[0].id, "de novo").error().code, ErrorCode::conflict);
  ASSERT_TRUE(accounts_.deposit(who(), broke.account.id, 5'000, "").ok());
  EXPECT_EQ(billing_.collect_pending(), 0);
  EXPECT_EQ(balance(broke.account.id), 1'010 + 5'000);
  EXPECT_EQ(balance(free_plan.account.id), 0);

  // Revenue: November 30 (one fee), December 1 (one fee + November's collected late).
  const auto all = billing_.revenue(tenant, RevenueGroup::month, std::nullopt, std::nullopt);
  ASSERT_EQ(all.rows.size(), 2u);
  EXPECT_EQ(all.rows[0].key, "2026-12");
  EXPECT_EQ(all.rows[0].amount, 2 * 1'990);
  EXPECT_EQ(all.rows[1].key, "2026-11");
  EXPECT_EQ(all.total.amount, 3 * 1'990);
  const auto december = billing_.revenue(tenant, RevenueGroup::tariff, sao_paulo_start_of_day_us(Date{2026, 12, 1}),
                                         sao_paulo_start_of_day_us(Date{2026, 12, 2}));
  ASSERT_EQ(december.rows.size(), 1u);
  EXPECT_EQ(december.rows[0].plan_name, "Essencial");
  EXPECT_EQ(december.rows[0].tariff_id, std::optional<Id>(88));
  EXPECT_EQ(december.total.count, 2);
  EXPECT_EQ(december.pending.count, 0);
  const Id revenue = db().transact(db::TxMode::write, [&](db::Transaction& tx) {
    return accounts_.tenant_account(tx, tenant, accounts::purpose_revenue);
  });
  EXPECT_EQ(ledger_.account(tenant, revenue)->balance(), 3 * 1'990);
  expect_ledger_balanced();
}

}  // namespace
}  // namespace rg::billing
