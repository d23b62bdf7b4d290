// covers PLT-15 (background jobs) on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "db/migrations.hpp"
#include "platform/jobs/service.hpp"
#include "platform/jobs/store.hpp"
#include "support/test_db.hpp"

namespace rg::jobs {
namespace {

constexpr std::int64_t start_us = 1'790'000'000'000'000;  // 2026-09-21

class JobsTest : public ::testing::Test {
 protected:
  JobsTest() : clock_(start_us), ids_(clock_, 1), queue_(db(), clock_, ids_) {}
  void SetUp() override { ASSERT_TRUE(db::Migrator(db(), db::embedded_migration_files()).migrate().ok()); }
  db::Database& db() { return test_db_.db(); }

  struct JobRow {
    std::string status;
    int attempts;
    std::int64_t run_at_us;
    std::optional<std::string> last_error;
  };
  JobRow row(Id id) {
    return db().transact(db::TxMode::read, [&](db::Transaction& tx) {
      auto r = tx.query_one("SELECT status, attempts, run_at_us, last_error FROM jobs WHERE id = $1", {id});
      return JobRow{r->text(0), static_cast<int>(r->integer(1)), r->integer(2), r->text_or_null(3)};
    });
  }
  std::int64_t scalar(const char* sql) {
    return db().transact(db::TxMode::read, [&](db::Transaction& tx) { return tx.query_one(sql)->integer(0); });
  }
  Id enqueue(const std::string& kind, std::string payload = "{}") {
    auto id = queue_.enqueue(JobSpec{kind, std::move(payload), platform_tenant, 0, 0, {}});
    EXPECT_TRUE(id.ok());
    return *id;
  }

  test::TestDatabase test_db_;
  ManualClock clock_;
  IdGenerator ids_;
  JobQueue queue_;
};

TEST_F(JobsTest, PLT15_RunsAQueuedJobOnceAndRecordsTheAttempt) {
  std::vector<std::string> seen;
  queue_.register_kind("test.record", [&](const Job& job) -> Status {
    seen.push_back(job.payload);
    return {};
  });
  const Id id = enqueue("test.record", R"({"n":1})");
  EXPECT_EQ(queue_.run_due("w1", 10), 1);
  EXPECT_EQ(queue_.run_due("w1", 10), 0);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], R"({"n":1})");
  EXPECT_EQ(row(id).status, "succeeded");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM job_attempts WHERE outcome = 'succeeded' AND worker_id = 'w1'"), 1);
}

TEST_F(JobsTest, PLT15_EnqueueIsPartOfTheCallersTransaction) {
  queue_.register_kind("test.noop", [](const Job&) -> Status { return {}; });
  Result<int> aborted = db().transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<int> {
    EXPECT_TRUE(queue_.enqueue(tx, JobSpec{"test.noop", "{}", 0, 0, 0, {}}).ok());
    return Error::invalid("x", "business rule failed after enqueue");
  });
  EXPECT_FALSE(aborted.ok());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs"), 0);
  EXPECT_EQ(queue_.run_due("w1", 10), 0);
}

TEST_F(JobsTest, PLT15_UnknownKindIsRejected) {
  auto id = queue_.enqueue(JobSpec{"nobody.handles.this", "{}", 0, 0, 0, {}});
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().fields.at(0).field, "kind");
}

TEST_F(JobsTest, PLT15_FailuresRetryWithGrowingBackoffThenGoDead) {
  int calls = 0;
  queue_.register_kind("test.flaky", [&](const Job&) -> Status {
    ++calls;
    return Error::unavailable("bureau timeout");
  }, 3);
  const Id id = enqueue("test.flaky");
  EXPECT_EQ(queue_.run_due("w1", 1), 1);
  auto after_first = row(id);
  EXPECT_EQ(after_first.status, "queued");
  EXPECT_EQ(after_first.last_error, "bureau timeout");
  const auto first_delay = after_first.run_at_us - clock_.now_us();
  EXPECT_GE(first_delay, 750'000);   // 1 s −25 %
  EXPECT_LE(first_delay, 1'250'000);  // 1 s +25 %
  EXPECT_EQ(queue_.run_due("w1", 1), 0) << "not due yet";
  clock_.set_us(after_first.run_at_us);
  EXPECT_EQ(queue_.run_due("w1", 1), 1);
  auto after_second = row(id);
  EXPECT_EQ(after_second.status, "queued");
  EXPECT_GE(after_second.run_at_us - clock_.now_us(), 1'500'000);  // 2 s −25 %
  clock_.set_us(after_second.run_at_us);
  EXPECT_EQ(queue_.run_due("w1", 1), 1);
  auto dead = row(id);
  EXPECT_EQ(dead.status, "dead");
  EXPECT_EQ(dead.attempts, 3);
  EXPECT_EQ(calls, 3);
  clock_.advance_us(24LL * 3600 * 1'000'000);
  EXPECT_EQ(queue_.run_due("w1", 1), 0) << "dead jobs never run again";
  EXPECT_EQ(queue_.counts().dead, 1);
}

TEST_F(JobsTest, PLT15_ExceptionsCountAsFailures) {
  queue_.register_kind("test.throws", [](const Job&) -> Status { throw std::runtime_error("boom"); }, 1);
  const Id id = enqueue("test.throws");
  EXPECT_EQ(queue_.run_due("w1", 1), 1);
  EXPECT_EQ(row(id).status, "dead");
  EXPECT_NE(row(id).last_error->find("boom"), std::string::npos);
}

TEST_F(JobsTest, PLT15_ScheduledJobWaitsForItsTime) {
  int calls = 0;
  queue_.register_kind("test.later", [&](const Job&) -> Status {
    ++calls;
    return {};
  });
  ASSERT_TRUE(queue_.enqueue(JobSpec{"test.later", "{}", 0, clock_.now_us() + 60'000'000, 0, {}}).ok());
  EXPECT_EQ(queue_.run_due("w1", 5), 0);
  EXPECT_EQ(queue_.counts().queued, 1);
  EXPECT_EQ(queue_.counts().due, 0);
  clock_.advance_us(60'000'000);
  EXPECT_EQ(queue_.run_due("w1", 5), 1);
  EXPECT_EQ(calls, 1);
}

TEST_F(JobsTest, PLT15_UniqueKeyKeepsOneLiveJob) {
  queue_.register_kind("test.dedupe", [](const Job&) -> Status { return {}; });
  auto a = queue_.enqueue(JobSpec{"test.dedupe", "{}", 5, 0, 0, "statement:42"});
  auto b = queue_.enqueue(JobSpec{"test.dedupe", "{}", 5, 0, 0, "statement:42"});
  auto other_tenant = queue_.enqueue(JobSpec{"test.dedupe", "{}", 6, 0, 0, "statement:42"});
  ASSERT_TRUE(a.ok() && b.ok() && other_tenant.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *other_tenant);
  EXPECT_EQ(queue_.run_due("w1", 10), 2);
  auto again = queue_.enqueue(JobSpec{"test.dedupe", "{}", 5, 0, 0, "statement:42"});
  EXPECT_NE(*again, *a) << "a finished job no longer blocks its key";
}

TEST_F(JobsTest, PLT15_PeriodicJobReschedulesItselfAfterEachRun) {
  int calls = 0;
  queue_.register_periodic("test.tick", 10 * 60 * 1000, [&](const Job&) -> Status {
    ++calls;
    return {};
  });
  queue_.schedule_periodic();
  queue_.schedule_periodic();  // idempotent
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'test.tick'"), 1);
  EXPECT_EQ(queue_.run_due("w1", 5), 1);
  EXPECT_EQ(queue_.run_due("w1", 5), 0);
  clock_.advance_us(10LL * 60 * 1'000'000);
  EXPECT_EQ(queue_.run_due("w1", 5), 1);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'test.tick' AND status = 'queued'"), 1);
}

TEST_F(JobsTest, PLT15_JobOfADeadWorkerIsReclaimedAfterItsLease) {
  int calls = 0;
  queue_.register_kind("test.slow", [&](const Job&) -> Status {
    ++calls;
    return {};
  });
  const Id id = enqueue("test.slow");
  // Worker "crashed" claims the job and dies without finishing it.
  auto claimed = db().transact(db::TxMode::write, [&](db::Transaction& tx) {
    return store::claim(tx, "crashed", 1, clock_.now_us(), clock_.now_us() + 1'000'000);
  });
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(queue_.run_due("w2", 1), 0) << "still leased";
  clock_.advance_us(1'000'001);
  EXPECT_EQ(queue_.run_due("w2", 1), 1);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(row(id).status, "succeeded");
  EXPECT_EQ(row(id).attempts, 2);
  // The crashed worker's late completion must not touch the job any more.
  db().transact(db::TxMode::write, [&](db::Transaction& tx) {
    EXPECT_FALSE(store::mark_retry(tx, claimed[0], "crashed", "late", clock_.now_us(), clock_.now_us()));
  });
  EXPECT_EQ(row(id).status, "succeeded");
}

TEST_F(JobsTest, PLT15_DeadHookRunsForAFailedLastAttemptAndForADeadWorker) {
  std::vector<std::string> dead;
  auto hook = [&](db::Transaction&, const Job& job, const std::string& error) { dead.push_back(job.payload + error); };
  queue_.register_kind("test.fails", [](const Job&) -> Status { return Error::unavailable("down"); }, 1, hook);
  queue_.register_kind("test.abandoned", [](const Job&) -> Status { return {}; }, 1, hook);
  enqueue("test.fails", "{\"n\":1}");
  EXPECT_EQ(queue_.run_due("w1", 1), 1);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0], "{\"n\":1}down");
  enqueue("test.abandoned", "{\"n\":2}");
  db().transact(db::TxMode::write, [&](db::Transaction& tx) {
    return store::claim(tx, "crashed", 1, clock_.now_us(), clock_.now_us() + 1'000);
  });
  clock_.advance_us(2'000);
  EXPECT_EQ(queue_.run_due("w2", 1), 1);
  ASSERT_EQ(dead.size(), 2u);
  EXPECT_NE(dead[1].find("lease expired"), std::string::npos) << dead[1];
}

TEST(JobsBackoff, PLT15_DelayDoublesAndIsCapped) {
  EXPECT_EQ(retry_delay_ms(1, 0.5), 1000);
  EXPECT_EQ(retry_delay_ms(2, 0.5), 2000);
  EXPECT_EQ(retry_delay_ms(5, 0.5), 16000);
  EXPECT_EQ(retry_delay_ms(40, 0.5), 3'600'000);
  EXPECT_EQ(retry_delay_ms(1, 0.0), 750);
  EXPECT_LT(retry_delay_ms(1, 0.999), 1250);
}

// Two independent queues (as two processes would have) with several threads each share one
// database: every job runs exactly once.
TEST_F(JobsTest, PLT15_ConcurrentWorkersNeverRunAJobTwice) {
  constexpr int job_count = 200;
  std::mutex mutex;
  std::map<std::string, int> runs;
  auto handler = [&](const Job& job) -> Status {
    std::lock_guard lock(mutex);
    ++runs[job.payload];
    return {};
  };
  queue_.register_kind("test.count", handler);
  for (int i = 0; i < job_count; ++i) enqueue("test.count", "{\"i\":" + std::to_string(i) + "}");

  SystemClock real_clock;
  auto other_db = test_db_.open_another();
  IdGenerator other_ids(real_clock, 2);
  JobQueue other(*other_db, real_clock, other_ids);
  other.register_kind("test.count", handler);
  JobQueue mine(db(), real_clock, ids_);
  mine.register_kind("test.count", handler);

  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    JobQueue& q = t % 2 ? other : mine;
    const std::string worker = "w" + std::to_string(t);
    threads.emplace_back([&q, worker] {
      while (q.run_due(worker, 1) > 0) {
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(runs.size(), static_cast<std::size_t>(job_count));
  for (const auto& [payload, n] : runs) EXPECT_EQ(n, 1) << payload;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM job_attempts"), job_count);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs WHERE status = 'succeeded'"), job_count);
}

}  // namespace
}  // namespace rg::jobs
