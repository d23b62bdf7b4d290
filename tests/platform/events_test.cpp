// covers PLT-08 (the event outbox webhooks deliver from) on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "db/migrations.hpp"
#include "platform/events/service.hpp"
#include "support/test_db.hpp"

namespace rg::events {
namespace {

class EventsTest : public ::testing::Test {
 protected:
  EventsTest() : clock_(1'790'000'000'000'000), ids_(clock_, 4), log_(catalog_, clock_, ids_) {
    catalog_.add({"account.created", "Conta criada", "Account created", "{}"});
  }
  void SetUp() override { ASSERT_TRUE(db::Migrator(db(), db::embedded_migration_files()).migrate().ok()); }
  db::Database& db() { return test_db_.db(); }

  test::TestDatabase test_db_;
  ManualClock clock_;
  IdGenerator ids_;
  EventCatalog catalog_;
  EventLog log_;
};

TEST_F(EventsTest, PLT08_EventsCommitWithTheirChangeAndReadInOrder) {
  db().transact(db::TxMode::write, [&](db::Transaction& tx) {
    log_.publish(tx, 7, "account.created", "account", "1", R"({"n":1})", "req-1");
    log_.publish(tx, 7, "account.created", "account", "2", R"({"n":2})");
    log_.publish(tx, 8, "account.created", "account", "3", R"({"n":3})");
  });
  auto events = db().transact(db::TxMode::read, [&](db::Transaction& tx) { return log_.after(tx, 7, 0, 10); });
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].subject_id, "1");
  EXPECT_EQ(events[0].request_id, "req-1");
  EXPECT_EQ(events[1].payload, R"({"n":2})");
  EXPECT_LT(events[0].id, events[1].id);
  auto rest = db().transact(db::TxMode::read, [&](db::Transaction& tx) { return log_.after(tx, 7, events[0].id, 10); });
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].subject_id, "2");
}

TEST_F(EventsTest, PLT08_NoEventForARolledBackChange) {
  Result<int> failed = db().transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<int> {
    log_.publish(tx, 7, "account.created", "account", "9", "{}");
    return Error::invalid("x", "the change failed after publishing");
  });
  EXPECT_FALSE(failed.ok());
  auto events = db().transact(db::TxMode::read, [&](db::Transaction& tx) { return log_.after(tx, 7, 0, 10); });
  EXPECT_TRUE(events.empty());
}

TEST_F(EventsTest, PLT08_UnregisteredTypesAreRefusedAndTheCatalogueListsTheRest) {
  EXPECT_THROW(db().transact(db::TxMode::write,
                             [&](db::Transaction& tx) { log_.publish(tx, 7, "account.typo", "account", "1", "{}"); }),
               std::logic_error);
  EXPECT_THROW(catalog_.add({"account.created", "", "", "{}"}), std::invalid_argument);
  ASSERT_EQ(catalog_.all().size(), 1u);
  EXPECT_EQ(catalog_.find("account.created")->description_pt, "Conta criada");
}

}  // namespace
}  // namespace rg::events
