// covers TRX-01 (the ledger: accounts, transfers, two-phase, linked chains, idempotency,
// balance flags, overdraft, expiry, group commit) on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <thread>
#include <tuple>

#include "banking/ledger/service.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "db/migrations.hpp"
#include "support/test_db.hpp"

namespace rg::ledger {
namespace {

constexpr Id tenant = 21;
constexpr Id other_tenant = 22;
namespace af = account_flags;
namespace tf = transfer_flags;

class LedgerTest : public ::testing::Test {
 protected:
  LedgerTest() : clock_(1'790'000'000'000'000), ids_(clock_, 7), ledger_(test_db_.db(), clock_, ids_) {}
  void SetUp() override { ASSERT_TRUE(db::Migrator(db(), db::embedded_migration_files()).migrate().ok()); }
  db::Database& db() { return test_db_.db(); }

  Account open(std::uint32_t flags = af::debits_must_not_exceed_credits, std::int64_t overdraft = 0, Id t = tenant,
               const std::string& code = "customer") {
    return db().transact(db::TxMode::write, [&](db::Transaction& tx) {
      return ledger_.open_account(tx, t, {code, flags, overdraft, "conta"});
    });
  }
  Account get(Id id, Id t = tenant) { return *ledger_.account(t, id); }
  std::vector<TransferOutcome> submit(std::vector<TransferInput> in, Id t = tenant) {
    auto r = ledger_.submit(t, std::move(in));
    EXPECT_TRUE(r.ok()) << (r ? "" : r.error().detail);
    return r ? *r : std::vector<TransferOutcome>{};
  }
  TransferResult one(TransferInput in, Id t = tenant) { return submit({std::move(in)}, t).at(0).result; }
  static TransferInput move(std::string cid, Id from, Id to, std::int64_t amount, std::uint32_t flags = 0) {
    TransferInput in;
    in.client_id = std::move(cid);
    in.debit_account_id = from;
    in.credit_account_id = to;
    in.amount = amount;
    in.flags = flags;
    in.code = "p2p";
    return in;
  }
  static TransferInput resolve(std::string cid, std::string pending, bool post, std::int64_t amount = 0) {
    TransferInput in;
    in.client_id = std::move(cid);
    in.pending_client_id = std::move(pending);
    in.flags = post ? tf::post_pending : tf::void_pending;
    in.amount = amount;
    return in;
  }
  // Σ debits = Σ credits, posted and pending, over every account of the tenant.
  void expect_balanced(Id t = tenant) {
    auto row = db().transact(db::TxMode::read, [&](db::Transaction& tx) {
      return *tx.query_one("SELECT COALESCE(SUM(debits_posted), 0), COALESCE(SUM(credits_posted), 0),"
                           " COALESCE(SUM(debits_pending), 0), COALESCE(SUM(credits_pending), 0)"
                           " FROM ledger_accounts WHERE tenant_id = $1",
                           {t});
    });
    EXPECT_EQ(row.integer(0), row.integer(1)) << "posted";
    EXPECT_EQ(row.integer(2), row.integer(3)) << "pending";
  }

  void expect_statement_is_the_history(Id account_id);

  test::TestDatabase test_db_;
  ManualClock clock_;
  IdGenerator ids_;
  LedgerService ledger_;
};

// Starts from an empty database: the test migrates it itself.
class LedgerChainBackfillTest : public LedgerTest {
 protected:
  void SetUp() override {}
};

TEST_F(LedgerTest, MovesMoneyAndRefusesOverdraw_TRX01) {
  const auto funding = open(0, 0, tenant, "funding");
  const auto a = open();
  const auto b = open();
  EXPECT_EQ(one(move("f1", funding.id, a.id, 10'000, 0)), TransferResult::created);
  EXPECT_EQ(one(move("t1", a.id, b.id, 2'500)), TransferResult::created);
  EXPECT_EQ(one(move("t2", a.id, b.id, 7'501)), TransferResult::exceeds_credits);
  EXPECT_EQ(one(move("t3", a.id, b.id, 7'500)), TransferResult::created) << "exactly the balance";
  EXPECT_EQ(get(a.id).balance(), 0);
  EXPECT_EQ(get(b.id).balance(), 10'000);
  EXPECT_EQ(get(funding.id).balance(), -10'000);
  EXPECT_EQ(one(move("t4", a.id, a.id, 1)), TransferResult::accounts_must_be_different);
  EXPECT_EQ(one(move("t5", a.id, b.id, 0)), TransferResult::amount_must_not_be_zero);
  EXPECT_EQ(one(move("t6", a.id, 999, 1)), TransferResult::credit_account_not_found);
  const auto foreign = open(0, 0, other_tenant);
  EXPECT_EQ(one(move("t7", foreign.id, a.id, 1)), TransferResult::debit_account_not_found) << "another tenant's";
  expect_balanced();
}

TEST_F(LedgerTest, IdempotentReplaysAnswerTheOriginal_TRX01) {
  const auto funding = open(0, 0, tenant, "funding");
  const auto a = open();
  auto first = submit({move("dep-1", funding.id, a.id, 5'000)}).at(0);
  ASSERT_EQ(first.result, TransferResult::created);
  clock_.advance_us(5'000'000);
  auto again = submit({move("dep-1", funding.id, a.id, 5'000)}).at(0);
  EXPECT_EQ(again.result, TransferResult::exists);
  ASSERT_TRUE(again.transfer);
  EXPECT_EQ(again.transfer->id, first.transfer->id);
  EXPECT_EQ(again.transfer->created_at_us, first.transfer->created_at_us);
  EXPECT_EQ(one(move("dep-1", funding.id, a.id, 5'001)), TransferResult::exists_with_different_fields);
  EXPECT_EQ(get(a.id).balance(), 5'000) << "once";
  // The same client id in another tenant is another transfer.
  const auto f2 = open(0, 0, other_tenant);
  const auto b2 = open(af::debits_must_not_exceed_credits, 0, other_tenant);
  EXPECT_EQ(one(move("dep-1", f2.id, b2.id, 5'000), other_tenant), TransferResult::created);
  // Twice in one batch: the second answers the first.
  auto twice = submit({move("dup", funding.id, a.id, 10), move("dup", funding.id, a.id, 10)});
  EXPECT_EQ(twice[0].result, TransferResult::created);
  EXPECT_EQ(twice[1].result, TransferResult::exists);
  EXPECT_EQ(get(a.id).balance(), 5'010);
}

TEST_F(LedgerTest, OverdraftFromThePlan_TRX01) {
  const auto funding = open(0, 0, tenant, "funding");
  const auto a = open(af::debits_must_not_exceed_credits, 1'000);
  const auto b = open();
  EXPECT_EQ(one(move("o1", a.id, b.id, 1'000)), TransferResult::created) << "the whole overdraft";
  EXPECT_EQ(one(move("o2", a.id, b.id, 1)), TransferResult::exceeds_credits);
  EXPECT_EQ(get(a.id).balance(), -1'000);
  EXPECT_EQ(one(move("o3", funding.id, a.id, 1'500)), TransferResult::created);
  EXPECT_EQ(get(a.id).available(), 1'500);
  // Balancing debit moves what the account holds of its own, never the overdraft.
  auto all = submit({move("o4", a.id, b.id, 0, tf::balancing_debit)}).at(0);
  ASSERT_EQ(all.result, TransferResult::created);
  EXPECT_EQ(all.transfer->amount, 500);
  EXPECT_EQ(get(a.id).balance(), 0);
  EXPECT_EQ(one(move("o5", a.id, b.id, 0, tf::balancing_debit)), TransferResult::exceeds_credits) << "nothing left";
}

TEST_F(LedgerTest, TwoPhasePostVoidAndExpiry_TRX01) {
  const auto funding = open(0, 0, tenant, "funding");
  const auto a = open();
  const auto b = open();
  ASSERT_EQ(one(move("f", funding.id, a.id, 1'000)), TransferResult::created);
  auto hold = move("h1", a.id, b.id, 600, tf::pending);
  ASSERT_EQ(one(hold), TransferResult::created);
  EXPECT_EQ(get(a.id).debits_pending, 600);
  EXPECT_EQ(get(a.id).available(), 400);
  EXPECT_EQ(one(move("h2", a.id, b.id, 401, tf::pending)), TransferResult::exceeds_credits) << "the hold counts";
  EXPECT_EQ(one(resolve("p1", "h1", true, 601)), TransferResult::exceeds_pending_transfer_amount);
  auto posted = submit({resolve("p1", "h1", true, 500)}).at(0);
  ASSERT_EQ(posted.result, TransferResult::created);
  EXPECT_EQ(posted.transfer->amount, 500) << "a partial post";
  EXPECT_EQ(get(a.id).debits_pending, 0);
  EXPECT_EQ(get(a.id).balance(), 500);
  EXPECT_EQ(get(b.id).balance(), 500);
  EXPECT_EQ(one(resolve("p2", "h1", false)), TransferResult::pending_transfer_already_posted);
  EXPECT_EQ(one(resolve("p3", "f", true)), TransferResult::pending_transfer_not_pending);
  EXPECT_EQ(one(resolve("p4", "nope", true)), TransferResult::pending_transfer_not_found);

  auto hold2 = move("h2b", a.id, b.id, 300, tf::pending);
  ASSERT_EQ(one(hold2), TransferResult::created);
  ASSERT_EQ(one(resolve("v1", "h2b", false)), TransferResult::created);
  EXPECT_EQ(get(a.id).debits_pending, 0);
  EXPECT_EQ(get(a.id).balance(), 500);
  EXPECT_EQ(one(resolve("v2", "h2b", true)), TransferResult::pending_transfer_already_voided);

  auto hold3 = move("h3", a.id, b.id, 200, tf::pending);
  hold3.timeout_s = 60;
  ASSERT_EQ(one(hold3), TransferResult::created);
  clock_.advance_us(59'000'000);
  EXPECT_EQ(ledger_.expire_pending(), 0);
  clock_.advance_us(1'000'000);
  EXPECT_EQ(one(resolve("p5", "h3", true)), TransferResult::pending_transfer_expired) << "time ran out";
  EXPECT_EQ(ledger_.expire_pending(), 1);
  EXPECT_EQ(get(a.id).debits_pending, 0);
  EXPECT_EQ(get(b.id).credits_pending, 0);
  EXPECT_EQ(ledger_.transfer_by_client_id(tenant, "h3")->state, TransferState::expired);
  EXPECT_EQ(one(resolve("p5", "h3", true)), TransferResult::pending_transfer_expired);
  expect_balanced();
}

TEST_F(LedgerTest, LinkedChainsAreAllOrNothing_TRX01) {
  const auto funding = open(0, 0, tenant, "funding");
  const auto a = open();
  const auto b = open();
  const auto c = open();
  ASSERT_EQ(one(move("f", funding.id, a.id, 1'000)), TransferResult::created);
  // a→b 600 then b→c 600 then a→c 500 (fails: a has 400 left): nothing happens.
  auto out = submit({move("l1", a.id, b.id, 600, tf::linked), move("l2", b.id, c.id, 600, tf::linked),
                     move("l3", a.id, c.id, 500), move("after", a.id, c.id, 100)});
  EXPECT_EQ(out[0].result, TransferResult::linked_event_failed);
  EXPECT_EQ(out[1].result, TransferResult::linked_event_failed);
  EXPECT_EQ(out[2].result, TransferResult::exceeds_credits);
  EXPECT_EQ(out[3].result, TransferResult::created) << "the next chain is on its own";
  EXPECT_EQ(get(a.id).balance(), 900);
  EXPECT_EQ(get(b.id).balance(), 0);
  EXPECT_EQ(get(c.id).balance(), 100);
  EXPECT_FALSE(ledger_.transfer_by_client_id(tenant, "l1")) << "rolled back";
  // A chain whose member resolves a pending: the pending stays open when the chain fails.
  ASSERT_EQ(one(move("hold", a.id, b.id, 100, tf::pending)), TransferResult::created);
  auto post = resolve("post", "hold", true);
  post.flags |= tf::linked;
  out = submit({post, move("x", b.id, c.id, 10'000)});
  EXPECT_EQ(out[0].result, TransferResult::linked_event_failed);
  EXPECT_EQ(out[1].result, TransferResult::exceeds_credits);
  EXPECT_EQ(get(a.id).debits_pending, 100) << "still held";
  EXPECT_EQ(ledger_.transfer_by_client_id(tenant, "hold")->state, TransferState::pending);
  // Unlinked, the post stands although the next transfer fails.
  out = submit({resolve("post", "hold", true), move("x", b.id, c.id, 10'000)});
  EXPECT_EQ(out[0].result, TransferResult::created);
  EXPECT_EQ(out[1].result, TransferResult::exceeds_credits);
  EXPECT_EQ(get(a.id).debits_pending, 0);
  // The batch ends inside a chain.
  out = submit({move("open1", a.id, b.id, 1, tf::linked)});
  EXPECT_EQ(out[0].result, TransferResult::linked_event_chain_open);
  expect_balanced();
}

TEST_F(LedgerTest, ShapeErrorsNameTheField_TRX01) {
  auto bad = ledger_.submit(tenant, {move("ok", 1, 2, 1), move("", 1, 2, 1)});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "transfers[1].client_id");
  auto neg = ledger_.submit(tenant, {move("n", 1, 2, -5)});
  EXPECT_EQ(neg.error().fields.at(0).field, "transfers[0].amount");
  auto flags = ledger_.submit(tenant, {move("n", 1, 2, 5, tf::pending | tf::post_pending)});
  EXPECT_EQ(flags.error().fields.at(0).field, "transfers[0].flags");
  std::vector<TransferInput> many(batch_transfers_max + 1, move("m", 1, 2, 1));
  EXPECT_EQ(ledger_.submit(tenant, many).error().fields.at(0).field, "transfers");
}

TEST_F(LedgerTest, GroupCommitAnswersEachRequest_TRX01) {
  const auto funding = open(0, 0, tenant, "funding");
  const auto a = open();
  const auto b = open();
  ASSERT_EQ(one(move("f", funding.id, a.id, 1'000)), TransferResult::created);
  ledger_.start_committer();
  // 16 threads each take 100 from a (1 000): exactly 10 succeed, never an overdraw.
  std::vector<std::thread> threads;
  std::atomic<int> created{0}, refused{0};
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      auto r = ledger_.submit(tenant, {move("g" + std::to_string(i), a.id, b.id, 100)});
      if (r && r->at(0).result == TransferResult::created) ++created;
      if (r && r->at(0).result == TransferResult::exceeds_credits) ++refused;
    });
  }
  for (auto& t : threads) t.join();
  ledger_.stop_committer();
  EXPECT_EQ(created.load(), 10);
  EXPECT_EQ(refused.load(), 6);
  EXPECT_EQ(get(a.id).balance(), 0);
  expect_balanced();
}

TEST_F(LedgerTest, TwoWritersOnTheSameAccountNeverOverdrawIt_TRX01) {
  // Two services on two connection pools, as two server processes would be: no shared memory,
  // only the database's locks between them.
  const auto funding = open(0, 0, tenant, "funding");
  const auto a = open();
  const auto b = open();
  ASSERT_EQ(one(move("f", funding.id, a.id, 5'000)), TransferResult::created);
  auto other_db = test_db_.open_another();
  IdGenerator other_ids(clock_, 8);
  LedgerService other(*other_db, clock_, other_ids);
  std::atomic<int> created{0};
  auto take = [&](LedgerService& service, const std::string& prefix) {
    for (int i = 0; i < 40; ++i) {
      auto r = service.submit(tenant, {move(prefix + std::to_string(i), a.id, b.id, 100)});
      if (r && r->at(0).result == TransferResult::created) ++created;
    }
  };
  std::thread one_writer(take, std::ref(ledger_), "w1-");
  std::thread two_writer(take, std::ref(other), "w2-");
  one_writer.join();
  two_writer.join();
  EXPECT_EQ(created.load(), 50) << "5 000 in steps of 100, whoever asks";
  EXPECT_EQ(get(a.id).balance(), 0);
  EXPECT_EQ(get(b.id).balance(), 5'000);
  expect_balanced();
}

// ---------------------------------------------------------------------------------------------
// Property test: random batches against a model written the simple way (a chain copies the
// whole model and keeps the copy only if every member succeeds).

struct ModelAccount {
  std::uint32_t flags = 0;
  std::int64_t overdraft = 0, dp = 0, dpo = 0, cp = 0, cpo = 0;
};
struct ModelTransfer {
  Id debit = 0, credit = 0;
  std::int64_t amount = 0;
  std::uint32_t flags = 0;
  TransferState state = TransferState::posted;
  std::int64_t expires_at = 0;
  std::int64_t timeout_s = 0;
};
struct Model {
  std::map<Id, ModelAccount> accounts;
  std::map<std::string, ModelTransfer> transfers;
};

TransferResult model_one(Model& m, const TransferInput& in, std::int64_t now) {
  if (auto it = m.transfers.find(in.client_id); it != m.transfers.end()) {
    const auto& t = it->second;
    if (in.flags != t.flags) return TransferResult::exists_with_different_fields;
    if (!(in.flags & (tf::post_pending | tf::void_pending)) &&
        (in.debit_account_id != t.debit || in.credit_account_id != t.credit || in.amount != t.amount ||
         in.timeout_s != t.timeout_s)) {
      return TransferResult::exists_with_different_fields;
    }
    return TransferResult::exists;
  }
  if (in.flags & (tf::post_pending | tf::void_pending)) {
    auto p = m.transfers.find(in.pending_client_id);
    if (p == m.transfers.end()) return TransferResult::pending_transfer_not_found;
    auto& pt = p->second;
    if (!(pt.flags & tf::pending)) return TransferResult::pending_transfer_not_pending;
    if (pt.state == TransferState::posted) return TransferResult::pending_transfer_already_posted;
    if (pt.state == TransferState::voided) return TransferResult::pending_transfer_already_voided;
    if (pt.state == TransferState::expired || (pt.expires_at && pt.expires_at <= now)) {
      return TransferResult::pending_transfer_expired;
    }
    const bool post = in.flags & tf::post_pending;
    const std::int64_t amount = post && in.amount ? in.amount : pt.amount;
    if (amount > pt.amount || (!post && in.amount != 0 && in.amount != pt.amount)) {
      return TransferResult::exceeds_pending_transfer_amount;  // a void takes 0 or the whole amount
    }
    auto& d = m.accounts[pt.debit];
    auto& c = m.accounts[pt.credit];
    d.dp -= pt.amount;
    c.cp -= pt.amount;
    if (post) {
      d.dpo += amount;
      c.cpo += amount;
    }
    pt.state = post ? TransferState::posted : TransferState::voided;
    m.transfers[in.client_id] = {pt.debit, pt.credit, amount, in.flags, pt.state, 0};
    return TransferResult::created;
  }
  if (in.debit_account_id == in.credit_account_id) return TransferResult::accounts_must_be_different;
  if (in.amount == 0) return TransferResult::amount_must_not_be_zero;
  if (!m.accounts.contains(in.debit_account_id)) return TransferResult::debit_account_not_found;
  if (!m.accounts.contains(in.credit_account_id)) return TransferResult::credit_account_not_found;
  auto& d = m.accounts[in.debit_account_id];
  auto& c = m.accounts[in.credit_account_id];
  if ((d.flags & af::debits_must_not_exceed_credits) && d.dp + d.dpo + in.amount > d.cpo + d.overdraft) {
    return TransferResult::exceeds_credits;
  }
  if ((c.flags & af::credits_must_not_exceed_debits) && c.cp + c.cpo + in.amount > c.dpo) {
    return TransferResult::exceeds_debits;
  }
  const bool pending = in.flags & tf::pending;
  (pending ? d.dp : d.dpo) += in.amount;
  (pending ? c.cp : c.cpo) += in.amount;
  m.transfers[in.client_id] = {in.debit_account_id, in.credit_account_id, in.amount, in.flags,
                               pending ? TransferState::pending : TransferState::posted,
                               pending && in.timeout_s ? now + in.timeout_s * 1'000'000 : 0, in.timeout_s};
  return TransferResult::created;
}

std::vector<TransferResult> model_batch(Model& m, const std::vector<TransferInput>& batch, std::int64_t now) {
  std::vector<TransferResult> out(batch.size());
  std::size_t i = 0;
  while (i < batch.size()) {
    std::size_t j = i;
    while ((batch[j].flags & tf::linked) && j + 1 < batch.size()) ++j;
    if (batch[j].flags & tf::linked) {
      for (std::size_t k = i; k <= j; ++k) out[k] = TransferResult::linked_event_chain_open;
      break;
    }
    Model copy = m;
    std::optional<std::size_t> failed;
    for (std::size_t k = i; k <= j; ++k) {
      out[k] = model_one(copy, batch[k], now);
      if (!succeeded(out[k])) {
        failed = k;
        break;
      }
    }
    if (!failed) {
      m = std::move(copy);
    } else if (j > i) {
      for (std::size_t k = i; k <= j; ++k) {
        if (k != *failed) out[k] = TransferResult::linked_event_failed;
      }
    }
    i = j + 1;
  }
  return out;
}

TEST_F(LedgerTest, RandomBatchesAgreeWithTheModel_TRX01) {
  std::mt19937_64 rng(20261201);
  Model model;
  std::vector<Id> ids;
  for (int i = 0; i < 10; ++i) {
    const std::uint32_t flags = i == 0 ? 0 : i == 9 ? af::credits_must_not_exceed_debits : af::debits_must_not_exceed_credits;
    const std::int64_t overdraft = i % 4 == 1 ? 2'000 : 0;
    const auto a = open(flags, overdraft, tenant, i == 0 ? "funding" : "customer");
    ids.push_back(a.id);
    model.accounts[a.id] = ModelAccount{flags, overdraft};
  }
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  std::vector<std::string> pendings;
  int counter = 0, steps = 0, created = 0;
  const int batches = 600;
  for (int b = 0; b < batches; ++b) {
    std::vector<TransferInput> batch;
    const std::size_t size = 1 + pick(12);
    for (std::size_t k = 0; k < size; ++k) {
      TransferInput in;
      const auto roll = pick(100);
      if (roll < 8 && counter > 0) {  // an idempotent repeat (same fields) of a recent one
        const std::string cid = "t" + std::to_string(counter - 1 - static_cast<int>(pick(std::min(counter, 5))));
        const auto& t = model.transfers.find(cid);
        if (t == model.transfers.end() || (t->second.flags & (tf::post_pending | tf::void_pending))) continue;
        in = move(cid, t->second.debit, t->second.credit, t->second.amount, t->second.flags);
        if (pick(3) > 0) in.timeout_s = t->second.timeout_s;  // else a replay that differs
      } else if (roll < 22 && !pendings.empty()) {  // post or void a pending
        in = resolve("t" + std::to_string(counter++), pendings[pick(pendings.size())], pick(2) == 0,
                     pick(3) == 0 ? static_cast<std::int64_t>(pick(400)) : 0);
      } else {
        const Id from = ids[roll < 35 ? 0 : pick(ids.size())];  // the funding account often pays in
        const Id to = ids[pick(ids.size())];
        in = move("t" + std::to_string(counter++), from, to, static_cast<std::int64_t>(pick(roll < 90 ? 900 : 5)));
        if (pick(5) == 0) {
          in.flags |= tf::pending;
          if (pick(2) == 0) in.timeout_s = 1 + static_cast<std::int64_t>(pick(3));
          pendings.push_back(in.client_id);
        }
      }
      if (pick(4) == 0) in.flags |= tf::linked;
      batch.push_back(in);
    }
    if (batch.empty()) continue;
    const auto expected = model_batch(model, batch, clock_.now_us());
    const auto got = submit(batch);
    ASSERT_EQ(got.size(), batch.size());
    for (std::size_t k = 0; k < batch.size(); ++k) {
      ASSERT_EQ(result_name(got[k].result), std::string(result_name(expected[k])))
          << "batch " << b << " transfer " << k << " (" << batch[k].client_id << ")" << [&] {
               std::string all;
               for (std::size_t x = 0; x < batch.size(); ++x) {
                 all += "\n  " + batch[x].client_id + " d" + std::to_string(batch[x].debit_account_id % 1000) + " c" +
                        std::to_string(batch[x].credit_account_id % 1000) + " a" + std::to_string(batch[x].amount) +
                        " f" + std::to_string(batch[x].flags) + " p" + batch[x].pending_client_id + " got " +
                        result_name(got[x].result) + " want " + result_name(expected[x]);
               }
               return all;
             }();
      created += got[k].result == TransferResult::created;
      ++steps;
    }
    for (Id id : ids) {
      const auto a = get(id);
      const auto& m = model.accounts[id];
      ASSERT_EQ(a.debits_pending, m.dp) << "batch " << b;
      ASSERT_EQ(a.debits_posted, m.dpo);
      ASSERT_EQ(a.credits_pending, m.cp);
      ASSERT_EQ(a.credits_posted, m.cpo);
      if (a.has(af::debits_must_not_exceed_credits)) {
        ASSERT_LE(a.debits_pending + a.debits_posted, a.credits_posted + a.overdraft_limit);
      }
      if (a.has(af::credits_must_not_exceed_debits)) {
        ASSERT_LE(a.credits_pending + a.credits_posted, a.debits_posted);
      }
    }
    expect_balanced();
    clock_.advance_us(static_cast<std::int64_t>(pick(700'000)));
    if (pick(10) == 0) {  // the expiry job runs now and then; the model expires the same ones
      ledger_.expire_pending();
      for (auto& [cid, t] : model.transfers) {
        if (t.state == TransferState::pending && t.expires_at && t.expires_at <= clock_.now_us()) {
          t.state = TransferState::expired;
          model.accounts[t.debit].dp -= t.amount;
          model.accounts[t.credit].cp -= t.amount;
        }
      }
    }
  }
  EXPECT_GT(steps, 3000) << "thousands of transfers";
  EXPECT_GT(created, 500) << "the walk must mostly move money, not only fail";
  // Resync finds nothing to repair after all that.
  db().transact(db::TxMode::write, [&](db::Transaction& tx) {
    for (Id id : ids) EXPECT_FALSE(ledger_.check_totals(tx, tenant, id)->diverges()) << id;
  });
  // Every account's statement, paged through its history chain, is exactly its transfers.
  for (Id id : ids) expect_statement_is_the_history(id);
}

// The statement walks the account's chain: page by page (keyset cursor), by period and by code it
// returns exactly what a scan of every transfer of the tenant finds, newest first.
void LedgerTest::expect_statement_is_the_history(Id account_id) {
  const auto all = db().transact(db::TxMode::read, [&](db::Transaction& tx) {
    std::vector<std::tuple<Id, std::int64_t, std::string>> out;
    for (const auto& r : tx.query("SELECT id, created_at_us, code FROM ledger_transfers WHERE tenant_id = $1"
                                  " AND (debit_account_id = $2 OR credit_account_id = $2) ORDER BY id DESC",
                                  {tenant, account_id})) {
      out.emplace_back(r.integer(0), r.integer(1), r.text(2));
    }
    return out;
  });
  auto pages = [&](store::StatementFilter f) {
    f.account_id = account_id;
    f.limit = 13;
    std::vector<Id> got;
    for (;;) {
      const auto page = ledger_.statement(tenant, f);
      for (const auto& t : page) got.push_back(t.id);
      if (page.size() < static_cast<std::size_t>(f.limit)) return got;
      f.before_id = page.back().id;
    }
  };
  auto expected = [&](auto keep) {
    std::vector<Id> out;
    for (const auto& [id, at, code] : all) {
      if (keep(at, code)) out.push_back(id);
    }
    return out;
  };
  ASSERT_FALSE(all.empty()) << account_id;
  EXPECT_EQ(pages({}), expected([](auto, auto&) { return true; })) << account_id;
  const std::int64_t from = std::get<1>(all[all.size() * 2 / 3]), to = std::get<1>(all[all.size() / 3]);
  store::StatementFilter period;
  period.from_us = from;
  period.to_us = to;
  EXPECT_EQ(pages(period), expected([&](std::int64_t at, auto&) { return at >= from && at < to; })) << account_id;
  store::StatementFilter codes;
  codes.codes = {"p2p"};
  EXPECT_EQ(pages(codes), expected([](auto, const std::string& code) { return code == "p2p"; })) << account_id;
}

// Databases migrated before the chains existed: migration 16 links every existing transfer into
// its accounts' chains and points each account at its newest transfer.
TEST_F(LedgerChainBackfillTest, ExistingTransfersAreChained_TRX01) {
  std::vector<db::MigrationFile> before;
  for (const auto& f : db::embedded_migration_files()) {
    if (f.file_name < "0016") before.push_back(f);
  }
  ASSERT_TRUE(db::Migrator(db(), before).migrate().ok());
  // Three accounts and five transfers written as the old schema wrote them.
  const Id a = 901, b = 902, c = 903;
  const std::vector<std::tuple<Id, Id, Id>> transfers = {{11, a, b}, {12, b, c}, {13, a, c}, {14, c, a}, {15, b, a}};
  db().transact(db::TxMode::write, [&](db::Transaction& tx) {
    for (Id id : {a, b, c}) {
      tx.execute("INSERT INTO ledger_accounts (tenant_id, id, code, flags, overdraft_limit, debits_pending,"
                 " debits_posted, credits_pending, credits_posted, description, created_at_us)"
                 " VALUES ($1, $2, 'customer', 0, 0, 0, 0, 0, 0, '', 0)",
                 {tenant, id});
    }
    for (const auto& [id, d, cr] : transfers) {
      tx.execute("INSERT INTO ledger_transfers (tenant_id, id, client_id, debit_account_id, credit_account_id, amount,"
                 " flags, code, state, debit_balance, credit_balance, description, created_at_us)"
                 " VALUES ($1, $2, $3, $4, $5, 1, 0, 'p2p', 'posted', 0, 0, '', $2)",
                 {tenant, id, "old-" + std::to_string(id), d, cr});
    }
  });
  ASSERT_TRUE(db::Migrator(db(), db::embedded_migration_files()).migrate().ok());
  auto ids_of = [&](Id account) {
    store::StatementFilter f;
    f.account_id = account;
    std::vector<Id> out;
    for (const auto& t : ledger_.statement(tenant, f)) out.push_back(t.id);
    return out;
  };
  EXPECT_EQ(ids_of(a), (std::vector<Id>{15, 14, 13, 11}));
  EXPECT_EQ(ids_of(b), (std::vector<Id>{15, 12, 11}));
  EXPECT_EQ(ids_of(c), (std::vector<Id>{14, 13, 12}));
  EXPECT_EQ(get(a).last_transfer_id, 15);
  EXPECT_EQ(get(c).last_transfer_id, 14);
  const auto t14 = *ledger_.transfer(tenant, 14);
  EXPECT_EQ(t14.debit_prev_id, 13);   // c's previous: 13 (credit side)
  EXPECT_EQ(t14.credit_prev_id, 13);  // a's previous: 13 (debit side)
  EXPECT_EQ(ledger_.transfer(tenant, 11)->debit_prev_id, 0);
  // New transfers continue the chains.
  auto funding = open(0, 0, tenant, "funding");
  ASSERT_EQ(one(move("new-1", funding.id, a, 5)), TransferResult::created);
  EXPECT_EQ(ids_of(a).size(), 5u);
  EXPECT_EQ(ids_of(a)[1], 15);
}

}  // namespace
}  // namespace rg::ledger
