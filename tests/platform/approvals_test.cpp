// covers PLT-06 — the maker-checker engine on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/clock.hpp"
#include "db/migrations.hpp"
#include "platform/approvals/service.hpp"
#include "support/test_db.hpp"

namespace rg::approvals {
namespace {

constexpr std::int64_t start_us = 1'790'000'000'000'000;

class ApprovalsTest : public ::testing::Test {
 protected:
  ApprovalsTest()
      : clock_(start_us), ids_(clock_, 3), audit_(clock_, ids_), jobs_(db(), clock_, ids_),
        engine_(db(), clock_, ids_, audit_, jobs_) {}

  void SetUp() override {
    ASSERT_TRUE(db::Migrator(db(), db::embedded_migration_files()).migrate().ok());
    db().transact(db::TxMode::write, [](db::Transaction& tx) {
      tx.execute_script("CREATE TABLE counters (tenant_id BIGINT NOT NULL, name TEXT NOT NULL, value BIGINT NOT NULL,"
                        " PRIMARY KEY (tenant_id, name))");
      tx.execute("INSERT INTO counters VALUES (7, 'limit', 100)");
    });
    // The action: set the counter to the payload's value, failing on a negative one.
    engine_.register_action({"test.set_limit", "Alterar limite", "Change limit", "To Be Changed", "Changed",
                             [this](const ActionContext& ctx) -> Result<std::string> {
                               ++runs_;
                               const auto value = std::stoll(ctx.payload);
                               if (value < 0) return Error::invalid("value", "negative");
                               ctx.tx.execute("UPDATE counters SET value = $2 WHERE tenant_id = $1 AND name = 'limit'",
                                              {ctx.maker.tenant_id, value});
                               return "{\"value\":" + ctx.payload + "}";
                             }});
    ASSERT_TRUE(engine_.set_policy(who(1, "Maria Maker"), "test.set_limit", true, 24).ok());
  }

  db::Database& db() { return test_db_.db(); }
  static audit::Entry who(Id operator_id, std::string name) {
    audit::Entry e;
    e.tenant_id = 7;
    e.actor_type = "operator";
    e.actor_id = operator_id;
    e.actor_name = std::move(name);
    return e;
  }
  std::int64_t limit() {
    return db().transact(db::TxMode::read, [](db::Transaction& tx) {
      return tx.query_one("SELECT value FROM counters WHERE tenant_id = 7")->integer(0);
    });
  }
  Id submit(const std::string& value) {
    auto s = engine_.submit(who(1, "Maria Maker"), "test.set_limit", "counter", "limit", value, "Limite para " + value);
    EXPECT_TRUE(s.ok());
    EXPECT_FALSE(s->executed);
    return s->request->id;
  }

  test::TestDatabase test_db_;
  ManualClock clock_;
  IdGenerator ids_;
  audit::AuditLog audit_;
  jobs::JobQueue jobs_;
  ApprovalEngine engine_;
  std::atomic<int> runs_{0};
};

TEST_F(ApprovalsTest, PLT06_WithoutPolicyTheActionRunsAtOnce) {
  ASSERT_TRUE(engine_.set_policy(who(1, "Maria Maker"), "test.set_limit", false, 24).ok());
  auto s = engine_.submit(who(1, "Maria Maker"), "test.set_limit", "counter", "limit", "250", "x");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->executed);
  EXPECT_EQ(limit(), 250);
}

TEST_F(ApprovalsTest, PLT06_RequestWaitsWithItsBusinessStatusAndChangesNothing) {
  const Id id = submit("500");
  EXPECT_EQ(limit(), 100);
  auto r = engine_.get(7, id);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, "pending");
  EXPECT_EQ(r->business_status, "To Be Changed");
  EXPECT_EQ(r->maker_name, "Maria Maker");
  RequestFilter pending;
  pending.statuses = {"pending", "picked_up"};
  pending.target_id = "limit";
  EXPECT_EQ(engine_.list(7, pending).size(), 1u);
  pending.target_id = "other";
  EXPECT_EQ(engine_.list(7, pending).size(), 0u);
  auto again = engine_.submit(who(1, "Maria Maker"), "test.set_limit", "counter", "limit", "600", "x");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict) << "one open request per action and target";
  EXPECT_FALSE(engine_.get(8, id).ok()) << "another tenant does not see it";
}

TEST_F(ApprovalsTest, PLT06_MakerCannotCheckTheirOwnRequest) {
  const Id id = submit("500");
  auto own = engine_.pick_up(who(1, "Maria Maker"), id);
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, ErrorCode::forbidden);
}

TEST_F(ApprovalsTest, PLT06_ApproveNeedsPickUpByTheSameChecker) {
  const Id id = submit("500");
  EXPECT_EQ(engine_.approve(who(2, "Carlos"), id).error().code, ErrorCode::conflict);
  ASSERT_TRUE(engine_.pick_up(who(2, "Carlos"), id).ok());
  EXPECT_EQ(engine_.approve(who(3, "Outra"), id).error().code, ErrorCode::forbidden);
  auto approved = engine_.approve(who(2, "Carlos"), id);
  ASSERT_TRUE(approved.ok()) << approved.error().detail;
  EXPECT_EQ(approved->status, "approved");
  EXPECT_EQ(approved->business_status, "Changed");
  EXPECT_EQ(limit(), 500);
  EXPECT_EQ(runs_.load(), 1);
}

TEST_F(ApprovalsTest, PLT06_TwoCheckersPickingUpAtOnceOneWins) {
  const Id id = submit("500");
  std::atomic<int> wins{0}, conflicts{0};
  auto other_db = test_db_.open_another();
  ApprovalEngine other(*other_db, clock_, ids_, audit_, jobs_);
  std::thread a([&] { (engine_.pick_up(who(2, "Carlos"), id).ok() ? wins : conflicts)++; });
  std::thread b([&] { (other.pick_up(who(3, "Diana"), id).ok() ? wins : conflicts)++; });
  a.join();
  b.join();
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(conflicts.load(), 1);
}

TEST_F(ApprovalsTest, PLT06_ConcurrentApprovalsRunTheActionExactlyOnce) {
  const Id id = submit("500");
  ASSERT_TRUE(engine_.pick_up(who(2, "Carlos"), id).ok());
  auto other_db = test_db_.open_another();
  ApprovalEngine other(*other_db, clock_, ids_, audit_, jobs_);
  other.register_action({"test.set_limit", "", "", "To Be Changed", "Changed",
                         [this](const ActionContext& ctx) -> Result<std::string> {
                           ++runs_;
                           ctx.tx.execute("UPDATE counters SET value = value + 1 WHERE tenant_id = 7");
                           return std::string("{}");
                         }});
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] { ok += (i % 2 ? other : engine_).approve(who(2, "Carlos"), id).ok(); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(runs_.load(), 1);
}

TEST_F(ApprovalsTest, PLT06_RejectLeavesEverythingUnchanged) {
  const Id id = submit("500");
  ASSERT_TRUE(engine_.pick_up(who(2, "Carlos"), id).ok());
  EXPECT_FALSE(engine_.reject(who(2, "Carlos"), id, "").ok()) << "a reason is required";
  auto rejected = engine_.reject(who(2, "Carlos"), id, "Limite acima da política");
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->status, "rejected");
  EXPECT_EQ(*rejected->reason, "Limite acima da política");
  EXPECT_EQ(limit(), 100);
  EXPECT_EQ(runs_.load(), 0);
  EXPECT_FALSE(engine_.approve(who(2, "Carlos"), id).ok()) << "decided requests stay decided";
}

TEST_F(ApprovalsTest, PLT06_FailedActionRollsBackAndTheRequestStaysPickedUp) {
  const Id id = submit("-5");
  ASSERT_TRUE(engine_.pick_up(who(2, "Carlos"), id).ok());
  auto failed = engine_.approve(who(2, "Carlos"), id);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().fields.at(0).field, "value");
  EXPECT_EQ(engine_.get(7, id)->status, "picked_up");
  EXPECT_EQ(limit(), 100);
}

TEST_F(ApprovalsTest, PLT06_PendingRequestsExpireAndCannotBeApproved) {
  const Id id = submit("500");
  clock_.advance_us(23LL * 3600 * 1'000'000);
  EXPECT_EQ(engine_.expire_overdue(), 0);
  ASSERT_TRUE(engine_.pick_up(who(2, "Carlos"), id).ok());
  clock_.advance_us(1LL * 3600 * 1'000'000);
  EXPECT_EQ(engine_.approve(who(2, "Carlos"), id).error().code, ErrorCode::conflict);
  EXPECT_EQ(engine_.expire_overdue(), 1);
  auto r = engine_.get(7, id);
  EXPECT_EQ(r->status, "expired");
  EXPECT_EQ(r->business_status, "Expired");
  EXPECT_EQ(limit(), 100);
  EXPECT_EQ(runs_.load(), 0);
}

TEST_F(ApprovalsTest, PLT06_EveryStepIsAudited) {
  const Id id = submit("500");
  ASSERT_TRUE(engine_.pick_up(who(2, "Carlos"), id).ok());
  ASSERT_TRUE(engine_.approve(who(2, "Carlos"), id).ok());
  auto steps = db().transact(db::TxMode::read, [&](db::Transaction& tx) {
    audit::Query q;
    q.tenant_id = 7;
    q.target_id = std::to_string(id);
    return audit_.search(tx, q);
  });
  std::vector<std::string> actions;
  for (const auto& s : steps) actions.push_back(s.entry.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"approval.approved", "approval.picked_up", "approval.requested"}));
}

TEST_F(ApprovalsTest, PLT06_UnknownActionAndBadExpiryAreRejected) {
  EXPECT_EQ(engine_.set_policy(who(1, "M"), "nope", true, 24).error().fields.at(0).field, "action");
  EXPECT_EQ(engine_.set_policy(who(1, "M"), "test.set_limit", true, 0).error().fields.at(0).field,
            "expires_after_hours");
}

}  // namespace
}  // namespace rg::approvals
