// covers TRX-02 TRX-04 TRX-06 (P2P transfers: immediate, failed and processed again, scheduled on
// business days, cancelled, idempotent client ids, suspended accounts, limits and tariffs in the
// same transaction as a linked chain, a tariff left pending for the billing center and collected
// later, chargebacks in full and in parts) on SQLite and PostgreSQL.
#include "banking/banking_fixture.hpp"
#include "banking/transfers/service.hpp"

namespace rg::transfers {
namespace {

constexpr Id tenant = test::BankingFixture::tenant;

class TransfersTest : public test::BankingFixture {
 protected:
  TransfersTest()
      : billing_(db(), clock_, ids_, audit_, log_, accounts_, ledger_),
        transfers_(db(), clock_, ids_, audit_, log_, accounts_, ledger_, billing_) {
    register_transfer_events(catalog_);
    billing::register_billing_events(catalog_);
  }
  Id revenue_account() {
    return db().transact(db::TxMode::write,
                         [&](db::Transaction& tx) { return accounts_.tenant_account(tx, tenant, accounts::purpose_revenue); });
  }
  Result<P2PTransfer> send(Id from, Id to, std::int64_t amount, std::optional<Date> on = std::nullopt,
                           std::string client_id = "") {
    return transfers_.create(who(), {std::move(client_id), from, to, amount, "Aluguel", on});
  }
  void deposit(Id id, std::int64_t amount) { ASSERT_TRUE(accounts_.deposit(who(), id, amount, "").ok()); }
  Date today() { return sao_paulo_date(clock_.now_us()); }
  // Moves the clock to 10:00 São Paulo of `day`.
  void set_day(Date day) { clock_.set_us(sao_paulo_start_of_day_us(day) + 10LL * 3600 * 1'000'000); }

  billing::BillingService billing_;
  TransferService transfers_;
};

TEST_F(TransfersTest, ImmediateTransferMovesMoney_TRX02) {
  const auto a = open();
  const auto b = open(502);
  deposit(a.account.id, 50'000);
  auto t = send(a.account.id, b.account.id, 12'000);
  ASSERT_TRUE(t.ok()) << t.error().detail;
  EXPECT_EQ(t->status, TransferStatus::completed);
  EXPECT_TRUE(t->ledger_transfer_id);
  EXPECT_EQ(t->attempts, 1);
  EXPECT_EQ(balance(a.account.id), 38'000);
  EXPECT_EQ(balance(b.account.id), 12'000);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM events WHERE tenant_id = $1 AND type = 'transfer.completed'", {tenant}), 1);
  EXPECT_EQ(send(a.account.id, a.account.id, 1).error().fields.at(0).field, "to_account_id");
  EXPECT_EQ(send(a.account.id, b.account.id, 0).error().fields.at(0).field, "amount");
  EXPECT_EQ(send(a.account.id, 12345, 10).error().fields.at(0).field, "to_account_id");
  EXPECT_EQ(transfers_.list(tenant, {.account_id = b.account.id}).size(), 1u);
}

TEST_F(TransfersTest, FailedForLackOfFundsThenProcessedAgain_TRX02) {
  const auto a = open();
  const auto b = open(502);
  deposit(a.account.id, 1'000);
  auto t = send(a.account.id, b.account.id, 5'000);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->status, TransferStatus::failed);
  EXPECT_EQ(t->failure_code, std::optional<std::string>("insufficient_funds"));
  EXPECT_EQ(balance(a.account.id), 1'000) << "nothing moved";
  EXPECT_EQ(transfers_.cancel(who(), t->id).error().code, ErrorCode::conflict) << "only scheduled ones";
  deposit(a.account.id, 4'000);
  auto again = transfers_.process(who(), t->id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->status, TransferStatus::completed);
  EXPECT_EQ(again->attempts, 2);
  EXPECT_FALSE(again->failure_code);
  EXPECT_EQ(balance(b.account.id), 5'000);
  EXPECT_EQ(transfers_.process(who(), t->id).error().code, ErrorCode::conflict) << "completed already";
}

TEST_F(TransfersTest, ScheduledForASaturdayRunsOnMonday_TRX02) {
  const auto a = open();
  const auto b = open(502);
  deposit(a.account.id, 10'000);
  Date saturday = add_days(today(), 1);
  while (weekday(saturday) != Weekday::saturday) saturday = add_days(saturday, 1);
  Date monday = add_days(saturday, 2);
  while (!is_business_day(monday)) monday = add_days(monday, 1);
  auto t = send(a.account.id, b.account.id, 3'000, saturday);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->status, TransferStatus::scheduled);
  EXPECT_EQ(t->execute_on, std::optional<Date>(monday));
  auto cancelled = send(a.account.id, b.account.id, 1'000, saturday);
  ASSERT_TRUE(transfers_.cancel(who(), cancelled->id).ok());
  EXPECT_EQ(transfers_.get(tenant, cancelled->id)->status, TransferStatus::cancelled);
  set_day(saturday);
  EXPECT_EQ(transfers_.run_due(), 0) << "not a business day";
  set_day(add_days(monday, -1));
  EXPECT_EQ(transfers_.run_due(), 0);
  set_day(monday);
  EXPECT_EQ(transfers_.run_due(), 1);
  EXPECT_EQ(transfers_.get(tenant, t->id)->status, TransferStatus::completed);
  EXPECT_EQ(balance(b.account.id), 3'000);
  EXPECT_EQ(transfers_.run_due(), 0) << "once";
  EXPECT_EQ(send(a.account.id, b.account.id, 1, add_days(today(), -1)).error().fields.at(0).field, "scheduled_for");
  EXPECT_EQ(send(a.account.id, b.account.id, 1, add_days(today(), 400)).error().fields.at(0).field, "scheduled_for");
}

TEST_F(TransfersTest, ClientIdsMakeRetriesSafe_TRX02) {
  const auto a = open();
  const auto b = open(502);
  deposit(a.account.id, 10'000);
  bool replayed = false;
  auto first = transfers_.create(who(), {"pedido-981", a.account.id, b.account.id, 2'500, "Aluguel", std::nullopt}, &replayed);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(replayed);
  auto again = transfers_.create(who(), {"pedido-981", a.account.id, b.account.id, 2'500, "Aluguel", std::nullopt}, &replayed);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(replayed);
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(balance(b.account.id), 2'500) << "once";
  auto other = transfers_.create(who(), {"pedido-981", a.account.id, b.account.id, 9'999, "Aluguel", std::nullopt});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().fields.at(0).field, "client_id");
}

TEST_F(TransfersTest, SuspendedAccountsAndLimitsRefuseWithAReason_TRX02_TRX05) {
  const auto a = open();
  const auto b = open(502);
  deposit(a.account.id, 10'000);
  ASSERT_TRUE(accounts_.suspend(who(), b.account.id, "Análise").ok());
  EXPECT_EQ(send(a.account.id, b.account.id, 100)->status, TransferStatus::completed) << "a suspended account receives";
  auto out = send(b.account.id, a.account.id, 50);
  EXPECT_EQ(out->status, TransferStatus::failed);
  EXPECT_EQ(out->failure_code, std::optional<std::string>("account_unavailable"));
  transfers_.set_limit_check([](db::Transaction&, const accounts::Account&, std::int64_t amount, std::int64_t) -> rg::Status {
    if (amount > 5'000) return Error::conflict("Acima do limite por transação (R$ 50,00).");
    return {};
  });
  auto big = send(a.account.id, b.account.id, 5'001);
  EXPECT_EQ(big->status, TransferStatus::failed);
  EXPECT_EQ(big->failure_code, std::optional<std::string>("limit_exceeded"));
  EXPECT_EQ(big->failure_reason, std::optional<std::string>("Acima do limite por transação (R$ 50,00)."));
  EXPECT_EQ(send(a.account.id, b.account.id, 5'000)->status, TransferStatus::completed) << "exactly at the limit";
}

TEST_F(TransfersTest, TheTariffGoesWithTheTransferOrWaitsInTheBillingCenter_TRX02_TRX06) {
  const auto a = open();
  const auto b = open(502);
  deposit(a.account.id, 10'000);
  transfers_.set_tariff_quote([](db::Transaction&, const accounts::Account&, std::int64_t, std::int64_t) {
    return Tariff{350, "Tarifa P2P", Id{77}, Id{1}, "p2p"};
  });
  auto t = send(a.account.id, b.account.id, 6'000);
  ASSERT_EQ(t->status, TransferStatus::completed);
  EXPECT_EQ(t->tariff_amount, 350);
  EXPECT_EQ(balance(a.account.id), 10'000 - 6'000 - 350);
  const Id revenue = revenue_account();
  EXPECT_EQ(ledger_.account(tenant, revenue)->balance(), 350);
  auto charges = billing_.list(tenant, {});
  ASSERT_EQ(charges.size(), 1u);
  EXPECT_EQ(charges[0].status, billing::ChargeStatus::collected);
  EXPECT_EQ(charges[0].source_id, std::to_string(t->id));
  EXPECT_EQ(charges[0].tariff_id, std::optional<Id>(77));
  // 3 650 left: 3 500 fits but 3 500 + 350 does not — the transfer goes, the tariff waits.
  auto short_by_tariff = send(a.account.id, b.account.id, 3'500);
  ASSERT_EQ(short_by_tariff->status, TransferStatus::completed);
  EXPECT_EQ(balance(a.account.id), 150);
  EXPECT_EQ(ledger_.account(tenant, revenue)->balance(), 350);
  billing::ListFilter pending;
  pending.status = billing::ChargeStatus::pending;
  ASSERT_EQ(billing_.list(tenant, pending).size(), 1u);
  // Not enough for the transfer itself: it fails and owes nothing.
  auto too_big = send(a.account.id, b.account.id, 200);
  EXPECT_EQ(too_big->failure_code, std::optional<std::string>("insufficient_funds"));
  EXPECT_EQ(billing_.list(tenant, {}).size(), 2u);
  // The job tries the pending charge: 150 does not cover 350 (an attempt counted), 1 150 does.
  EXPECT_EQ(billing_.collect_pending(), 0);
  auto waiting = billing_.list(tenant, pending).at(0);
  EXPECT_EQ(waiting.attempts, 2);
  EXPECT_EQ(billing_.collect(who(), waiting.id).error().code, ErrorCode::conflict);
  deposit(a.account.id, 1'000);
  EXPECT_EQ(billing_.collect_pending(), 1);
  EXPECT_EQ(balance(a.account.id), 1'150 - 350);
  EXPECT_EQ(ledger_.account(tenant, revenue)->balance(), 700);
  EXPECT_TRUE(billing_.list(tenant, pending).empty());
  const auto revenue_view = billing_.revenue(tenant, billing::RevenueGroup::tariff, std::nullopt, std::nullopt);
  ASSERT_EQ(revenue_view.rows.size(), 1u);
  EXPECT_EQ(revenue_view.rows[0].count, 2);
  EXPECT_EQ(revenue_view.rows[0].amount, 700);
  EXPECT_EQ(revenue_view.total.amount, 700);
  EXPECT_EQ(revenue_view.pending.count, 0);
  expect_ledger_balanced();
}

TEST_F(TransfersTest, AChargebackReturnsMoneyInPartsUpToTheOriginal_TRX04) {
  const auto a = open();
  const auto b = open(502);
  deposit(a.account.id, 10'000);
  // A tariff on every P2P transfer: chargebacks must not pay it, nor count against limits.
  transfers_.set_tariff_quote([](db::Transaction&, const accounts::Account&, std::int64_t, std::int64_t) {
    return Tariff{100, "Tarifa P2P", Id{77}, Id{1}, "p2p"};
  });
  transfers_.set_limit_check([](db::Transaction&, const accounts::Account&, std::int64_t, std::int64_t) -> rg::Status {
    return Error::invalid("amount", "Acima do limite.");
  });
  auto refused = send(a.account.id, b.account.id, 6'000);
  ASSERT_EQ(refused->failure_code, std::optional<std::string>("limit_exceeded"));
  transfers_.set_limit_check({});
  auto t = transfers_.process(who(), refused->id);
  ASSERT_EQ(t->status, TransferStatus::completed);

  auto part = transfers_.charge_back(who(), t->id, 2'000, "Contestação do cliente");
  ASSERT_TRUE(part.ok()) << part.error().detail;
  EXPECT_EQ(part->status, TransferStatus::completed);
  EXPECT_EQ(part->reversal_of, std::optional<Id>(t->id));
  EXPECT_EQ(part->from_account_id, b.account.id);
  EXPECT_EQ(part->tariff_amount, 0);
  EXPECT_EQ(transfers_.get(tenant, t->id)->reversed_amount, 2'000);
  EXPECT_EQ(balance(a.account.id), 10'000 - 6'000 - 100 + 2'000);
  EXPECT_EQ(balance(b.account.id), 4'000);

  auto over = transfers_.charge_back(who(), t->id, 4'001, "x");
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().fields.at(0).field, "amount");
  EXPECT_EQ(transfers_.charge_back(who(), part->id, std::nullopt, "x").error().code, ErrorCode::conflict)
      << "a chargeback is not charged back";

  // The payee spent most of it: the rest fails for its balance, then goes through once it has it.
  ASSERT_EQ(send(b.account.id, a.account.id, 3'500)->status, TransferStatus::completed);
  auto rest = transfers_.charge_back(who(), t->id, std::nullopt, "Contestação do cliente");
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(rest->amount, 4'000);
  EXPECT_EQ(rest->failure_code, std::optional<std::string>("insufficient_funds"));
  EXPECT_EQ(transfers_.get(tenant, t->id)->reversed_amount, 2'000) << "only completed chargebacks count";
  deposit(b.account.id, 5'000);
  auto again = transfers_.process(who(), rest->id);
  ASSERT_EQ(again->status, TransferStatus::completed);
  EXPECT_EQ(again->tariff_amount, 0);
  EXPECT_EQ(transfers_.get(tenant, t->id)->reversed_amount, 6'000);
  EXPECT_EQ(transfers_.charge_back(who(), t->id, std::nullopt, "x").error().code, ErrorCode::conflict)
      << "nothing left to charge back";
  expect_ledger_balanced();
}

}  // namespace
}  // namespace rg::transfers
