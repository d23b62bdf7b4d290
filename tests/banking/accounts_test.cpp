// covers ACC-05 ACC-06 ACC-07 ACC-08 ACC-10 ACC-12 ACC-16 (accounts: opening, numbers, status
// lifecycle, residual move to the same holder, sub-accounts and redeem, plan overdraft, night
// start, resync repairing a divergence) on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "banking/banking_fixture.hpp"

namespace rg::accounts {
namespace {

using AccountsTest = test::BankingFixture;
constexpr Id tenant = test::BankingFixture::tenant;

TEST_F(AccountsTest, OpensWithNumbersCheckDigitsAndTheDefaultPlan_ACC10_ACC16) {
  const auto a = open();
  const auto b = open(502);
  EXPECT_EQ(a.account.branch, "0001");
  EXPECT_EQ(a.account.number, "10000001");
  EXPECT_EQ(b.account.number, "10000002");
  EXPECT_EQ(a.account.check_digit, check_digit_of("10000001"));
  EXPECT_EQ(a.account.night_start_minutes, 20 * 60);
  EXPECT_EQ(a.account.plan_id, std::optional<Id>(1)) << "the default plan";
  EXPECT_EQ(a.holder_name, "Maria da Silva");
  EXPECT_TRUE(a.ledger.has(ledger::account_flags::debits_must_not_exceed_credits));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM events WHERE tenant_id = $1 AND type = 'account.opened'", {tenant}), 2);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1 AND action = 'account.opened'", {tenant}), 2);
  auto nobody = accounts_.open(who(), {999, std::nullopt, std::nullopt, ""});
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(nobody.error().fields.at(0).field, "customer_id");
  auto bad_plan = accounts_.open(who(), {501, Id{77}, std::nullopt, ""});
  EXPECT_EQ(bad_plan.error().fields.at(0).field, "plan_id");
  auto bad_night = accounts_.open(who(), {501, std::nullopt, 17 * 60, ""});
  EXPECT_EQ(bad_night.error().fields.at(0).field, "night_start");
  auto night = accounts_.set_night_start(who(), a.account.id, 22 * 60);
  ASSERT_TRUE(night.ok());
  EXPECT_EQ(night->account.night_start_minutes, 22 * 60);
  EXPECT_FALSE(accounts_.set_night_start(who(), a.account.id, 23 * 60).ok());
  EXPECT_EQ(accounts_.list(tenant, {.customer_id = Id{501}}).size(), 1u);
  EXPECT_EQ(accounts_.list(tenant, {.number = std::string("10000002")}).at(0).account.id, b.account.id);
}

TEST_F(AccountsTest, SuspendReactivateCancelWithTheBalanceRules_ACC06_ACC07) {
  const auto a = open();
  const auto same_holder = open();
  const auto other_holder = open(502);
  ASSERT_TRUE(accounts_.deposit(who(), a.account.id, 12'345, "").ok());
  EXPECT_EQ(accounts_.suspend(who(), a.account.id, "").error().fields.at(0).field, "reason");
  auto s = accounts_.suspend(who(), a.account.id, "Suspeita de fraude");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->account.status, AccountStatus::suspended);
  EXPECT_EQ(accounts_.suspend(who(), a.account.id, "de novo").error().code, ErrorCode::conflict);
  ASSERT_TRUE(accounts_.reactivate(who(), a.account.id, "Verificado").ok());

  auto refused = accounts_.cancel(who(), a.account.id, "Pedido do cliente");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(refused.error().fields.at(0).field, "balance");
  auto other = accounts_.move_residual(who(), a.account.id, other_holder.account.id);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().fields.at(0).field, "to_account_id") << "another holder";
  EXPECT_EQ(balance(a.account.id), 12'345);
  auto moved = accounts_.move_residual(who(), a.account.id, same_holder.account.id);
  ASSERT_TRUE(moved.ok()) << moved.error().detail;
  EXPECT_EQ(moved->amount, 12'345);
  EXPECT_EQ(moved->code, "residual");
  EXPECT_EQ(balance(a.account.id), 0);
  EXPECT_EQ(balance(same_holder.account.id), 12'345);
  EXPECT_EQ(accounts_.move_residual(who(), a.account.id, same_holder.account.id).error().fields.at(0).field, "balance");

  auto cancelled = accounts_.cancel(who(), a.account.id, "Pedido do cliente");
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().detail;
  EXPECT_EQ(cancelled->account.status, AccountStatus::cancelled);
  EXPECT_TRUE(cancelled->account.cancelled_at_us);
  EXPECT_TRUE(cancelled->ledger.has(ledger::account_flags::closed));
  EXPECT_EQ(accounts_.reactivate(who(), a.account.id, "volta").error().code, ErrorCode::conflict) << "final";
  EXPECT_FALSE(accounts_.deposit(who(), a.account.id, 100, "").ok());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM events WHERE tenant_id = $1 AND type = 'account.cancelled'", {tenant}), 1);
  expect_ledger_balanced();
}

TEST_F(AccountsTest, SubAccountsRedeemIntoTheMainAccount_ACC12) {
  const auto main = open();
  auto wallet = accounts_.open_sub(who(), main.account.id, Kind::wallet, "Cofrinho");
  ASSERT_TRUE(wallet.ok());
  EXPECT_EQ(wallet->account.parent_id, std::optional<Id>(main.account.id));
  EXPECT_EQ(wallet->account.customer_id, main.account.customer_id);
  EXPECT_FALSE(accounts_.open_sub(who(), wallet->account.id, Kind::escrow, "").ok()) << "no sub of a sub";
  EXPECT_EQ(accounts_.open_sub(who(), main.account.id, Kind::main, "").error().fields.at(0).field, "kind");
  ASSERT_TRUE(accounts_.deposit(who(), wallet->account.id, 5'000, "").ok());
  auto part = accounts_.redeem(who(), wallet->account.id, 1'500);
  ASSERT_TRUE(part.ok());
  EXPECT_EQ(part->amount, 1'500);
  EXPECT_EQ(accounts_.cancel(who(), main.account.id, "fim").error().fields.at(0).field, "balance")
      << "money left in the wallet";
  auto rest = accounts_.redeem(who(), wallet->account.id, 0);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(rest->amount, 3'500);
  EXPECT_EQ(balance(main.account.id), 5'000);
  EXPECT_EQ(accounts_.redeem(who(), wallet->account.id, 0).error().fields.at(0).field, "amount");
  EXPECT_FALSE(accounts_.redeem(who(), main.account.id, 0).ok()) << "a main account is not redeemed";
  EXPECT_EQ(accounts_.sub_accounts(tenant, main.account.id).size(), 1u);
}

TEST_F(AccountsTest, ThePlanSetsTheOverdraft_ACC03) {
  const auto a = open();
  const auto other = open();
  auto business = accounts_.set_plan(who(), a.account.id, 2);
  ASSERT_TRUE(business.ok());
  EXPECT_EQ(business->ledger.overdraft_limit, 50'000);
  // Use 30 000 of the overdraft, then the smaller plan is refused.
  ledger::TransferInput t{"od-1", a.account.id, other.account.id, 30'000, "", 0, 0, "p2p", ""};
  ASSERT_EQ(ledger_.submit(tenant, {t})->at(0).result, ledger::TransferResult::created);
  EXPECT_EQ(balance(a.account.id), -30'000);
  EXPECT_EQ(accounts_.set_plan(who(), a.account.id, 1).error().fields.at(0).field, "plan_id");
  EXPECT_EQ(accounts_.set_plan(who(), a.account.id, 9).error().fields.at(0).field, "plan_id");
}

TEST_F(AccountsTest, ResyncRepairsADivergenceWithACorrectingTransfer_ACC05_ACC08) {
  const auto a = open();
  ASSERT_TRUE(accounts_.deposit(who(), a.account.id, 10'000, "").ok());
  auto clean = accounts_.resync(who(), a.account.id);
  ASSERT_TRUE(clean.ok());
  EXPECT_FALSE(clean->diverged);
  EXPECT_TRUE(clean->corrections.empty());
  // Someone changed the stored totals behind the ledger's back.
  db().transact(db::TxMode::write, [&](db::Transaction& tx) {
    tx.execute("UPDATE ledger_accounts SET credits_posted = credits_posted + 500 WHERE tenant_id = $1 AND id = $2",
               {tenant, a.account.id});
  });
  EXPECT_EQ(balance(a.account.id), 10'500);
  auto fixed = accounts_.resync(who(), a.account.id);
  ASSERT_TRUE(fixed.ok()) << fixed.error().detail;
  EXPECT_TRUE(fixed->diverged);
  ASSERT_EQ(fixed->corrections.size(), 1u);
  EXPECT_EQ(fixed->corrections[0].amount, 500);
  EXPECT_EQ(fixed->corrections[0].credit_account_id, a.account.id);
  EXPECT_EQ(fixed->corrections[0].code, "correction");
  EXPECT_EQ(fixed->after.balance(), 10'500) << "the authoritative balance stays";
  EXPECT_FALSE(accounts_.resync(who(), a.account.id)->diverged) << "repaired";
  expect_ledger_balanced();
  // A statement that holds more than the totals: the difference goes back as a debit.
  db().transact(db::TxMode::write, [&](db::Transaction& tx) {
    tx.execute("UPDATE ledger_accounts SET credits_posted = credits_posted - 2000 WHERE tenant_id = $1 AND id = $2",
               {tenant, a.account.id});
  });
  auto down = accounts_.resync(who(), a.account.id);
  ASSERT_TRUE(down.ok());
  EXPECT_EQ(down->corrections.at(0).debit_account_id, a.account.id);
  EXPECT_EQ(down->corrections.at(0).amount, 2'000);
  EXPECT_EQ(down->after.balance(), 8'500);
  EXPECT_FALSE(accounts_.resync(who(), a.account.id)->diverged);
  expect_ledger_balanced();
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1 AND action = 'account.resynced'", {tenant}), 5);
}

}  // namespace
}  // namespace rg::accounts
