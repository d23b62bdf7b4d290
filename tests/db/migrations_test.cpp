// Forward-only migrations with checksums and a cluster-wide lock, on both backends.
#include <gtest/gtest.h>

#include <thread>

#include "db/migrations.hpp"
#include "support/test_db.hpp"

namespace rg::db {
namespace {

std::vector<MigrationFile> sample_files() {
  return {
      {"0001_accounts.sql", "CREATE TABLE accounts (tenant_id BIGINT NOT NULL, id BIGINT NOT NULL, PRIMARY KEY (tenant_id, id));"},
      {"0002_names.sql", "ALTER TABLE accounts ADD COLUMN name TEXT;"},
      {"0002_names.sqlite.sql", "CREATE INDEX accounts_name_sqlite ON accounts (name);"},
      {"0002_names.postgresql.sql", "CREATE INDEX accounts_name_pg ON accounts (name);"},
  };
}

std::int64_t count_rows(Database& db, const char* sql) {
  return db.transact(TxMode::read, [&](Transaction& tx) { return tx.query_one(sql)->integer(0); });
}

TEST(Migrations, PlanAppendsOnlyTheBackendsDialectVariant) {
  const auto sqlite = plan_migrations(sample_files(), Kind::sqlite);
  const auto pg = plan_migrations(sample_files(), Kind::postgresql);
  ASSERT_EQ(sqlite.size(), 2u);
  EXPECT_EQ(sqlite[1].name, "names");
  EXPECT_NE(sqlite[1].sql.find("accounts_name_sqlite"), std::string::npos);
  EXPECT_EQ(sqlite[1].sql.find("accounts_name_pg"), std::string::npos);
  EXPECT_NE(pg[1].sql.find("accounts_name_pg"), std::string::npos);
  EXPECT_NE(sqlite[1].checksum, pg[1].checksum);
  EXPECT_EQ(sqlite[0].checksum, pg[0].checksum);
}

TEST(Migrations, RejectsGapsAndBadNames) {
  EXPECT_THROW(plan_migrations({{"0002_x.sql", "SELECT 1;"}}, Kind::sqlite), std::invalid_argument);
  EXPECT_THROW(plan_migrations({{"1_x.sql", "SELECT 1;"}}, Kind::sqlite), std::invalid_argument);
}

TEST(Migrations, AppliesOnceAndReportsStatus) {
  test::TestDatabase t;
  Migrator migrator(t.db(), sample_files());
  auto before = migrator.status();
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->applied, 0);
  EXPECT_FALSE(before->current());
  auto first = migrator.migrate();
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_EQ(*first, 2);
  auto second = migrator.migrate();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, 0);
  EXPECT_TRUE(migrator.status()->current());
  EXPECT_EQ(count_rows(t.db(), "SELECT COUNT(*) FROM schema_migrations"), 2);
  t.db().transact(TxMode::write, [](Transaction& tx) { tx.execute("INSERT INTO accounts VALUES (1, 1, 'x')"); });
}

TEST(Migrations, AddingAMigrationAppliesOnlyTheNewOne) {
  test::TestDatabase t;
  auto files = sample_files();
  files.resize(1);
  ASSERT_TRUE(Migrator(t.db(), files).migrate().ok());
  Migrator full(t.db(), sample_files());
  EXPECT_FALSE(full.status()->current());
  auto applied = full.migrate();
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(*applied, 1);
}

TEST(Migrations, RefusesAChangedAppliedMigration) {
  test::TestDatabase t;
  ASSERT_TRUE(Migrator(t.db(), sample_files()).migrate().ok());
  auto changed = sample_files();
  changed[0].sql += "\n-- edited after release";
  Migrator migrator(t.db(), changed);
  auto result = migrator.migrate();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::conflict);
  EXPECT_NE(result.error().detail.find("0001_accounts"), std::string::npos) << result.error().detail;
  EXPECT_FALSE(migrator.status().ok());
}

TEST(Migrations, FailedMigrationLeavesNothingApplied) {
  test::TestDatabase t;
  auto files = sample_files();
  files.push_back({"0003_broken.sql", "CREATE TABLE ok_table (x BIGINT); THIS IS NOT SQL;"});
  EXPECT_THROW((void)Migrator(t.db(), files).migrate(), DbError);
  // All-or-nothing: not even 0001 was recorded.
  EXPECT_EQ(Migrator(t.db(), sample_files()).status()->applied, 0);
}

// Two nodes start at once against the same database: the lock makes one migrate and the
// other find nothing left to do; neither fails.
TEST(Migrations, TwoNodesStartingAtOnceMigrateExactlyOnce) {
  test::TestDatabase t;
  auto other_node = t.open_another();
  Result<int> a = 0, b = 0;
  std::thread first([&] { a = Migrator(t.db(), sample_files()).migrate(); });
  std::thread second([&] { b = Migrator(*other_node, sample_files()).migrate(); });
  first.join();
  second.join();
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*a + *b, 2);
  EXPECT_EQ(count_rows(t.db(), "SELECT COUNT(*) FROM schema_migrations"), 2);
}

TEST(Migrations, EmbeddedProjectMigrationsApply) {
  test::TestDatabase t;
  Migrator migrator(t.db(), embedded_migration_files());
  ASSERT_FALSE(migrator.migrations().empty());
  auto applied = migrator.migrate();
  ASSERT_TRUE(applied.ok()) << applied.error().detail;
  EXPECT_EQ(*applied, static_cast<int>(migrator.migrations().size()));
}

}  // namespace
}  // namespace rg::db
