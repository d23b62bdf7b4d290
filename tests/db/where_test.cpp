// covers PLT-09 (the filters and keyset pages every list and its export share)
// The list query builder: the SQL it writes, and the rows that SQL selects on both backends
// (RETAGUARDA_TEST_DB=postgresql://… for PostgreSQL).
#include <gtest/gtest.h>

#include "db/where.hpp"
#include "support/test_db.hpp"

namespace rg::db {
namespace {

constexpr const char* head = "SELECT id FROM entries WHERE tenant_id = $1";

TEST(WhereTest, UnsetFiltersAddNothing) {
  Where where(head, {7});
  where.equal("status", std::optional<std::string>()).before("id", std::nullopt).period("at_us", {}, {});
  where.in("kind", std::vector<std::string>{});
  where.order_by("id DESC", 50);
  EXPECT_EQ(where.sql(), std::string(head) + " ORDER BY id DESC LIMIT $2");
  ASSERT_EQ(where.params().size(), 2u);
  EXPECT_EQ(where.params()[0].as_int(), 7);
  EXPECT_EQ(where.params()[1].as_int(), 50);
}

TEST(WhereTest, NumbersPlaceholdersAfterTheHeadsParameters) {
  Where where("SELECT id FROM entries WHERE tenant_id = $1 AND owner = $2", {7, 11});
  where.equal("status", std::optional<std::string>("queued"))
      .in("kind", std::vector<std::string>{"a", "b"})
      .period("at_us", std::int64_t{100}, std::int64_t{200})
      .before("id", std::int64_t{99});
  const std::string pattern = where.bind("%x%");
  where.condition("(name LIKE " + pattern + " OR note LIKE " + pattern + ")");
  where.compare("score", ">=", 3).order_by("id DESC", 20);
  EXPECT_EQ(where.sql(),
            "SELECT id FROM entries WHERE tenant_id = $1 AND owner = $2 AND status = $3 AND kind IN ($4, $5)"
            " AND at_us >= $6 AND at_us < $7 AND id < $8 AND (name LIKE $9 OR note LIKE $9) AND score >= $10"
            " ORDER BY id DESC LIMIT $11");
  ASSERT_EQ(where.params().size(), 11u);
  EXPECT_EQ(where.params()[2].as_text(), "queued");
  EXPECT_EQ(where.params()[4].as_text(), "b");
  EXPECT_EQ(where.params()[7].as_int(), 99);
  EXPECT_EQ(where.params()[8].as_text(), "%x%");
  EXPECT_EQ(where.params()[10].as_int(), 20);
  EXPECT_EQ(pattern, "$9");
}

class WhereDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db().transact(TxMode::write, [](Transaction& tx) {
      tx.execute_script(
          "CREATE TABLE entries (tenant_id BIGINT NOT NULL, id BIGINT NOT NULL, status TEXT NOT NULL,"
          " at_us BIGINT NOT NULL, PRIMARY KEY (tenant_id, id))");
      // Tenant 1: ids 1..10, "done" for even ids, at_us = id * 100. Tenant 2: one row.
      for (int id = 1; id <= 10; ++id) {
        tx.execute("INSERT INTO entries (tenant_id, id, status, at_us) VALUES (1, $1, $2, $3)",
                   {id, id % 2 == 0 ? "done" : "queued", id * 100});
      }
      tx.execute("INSERT INTO entries (tenant_id, id, status, at_us) VALUES (2, 11, 'done', 1100)");
    });
  }
  Database& db() { return test_db_.db(); }
  std::vector<std::int64_t> ids(const Where& where) {
    return db().transact(TxMode::read, [&](Transaction& tx) {
      std::vector<std::int64_t> out;
      for (const auto& row : where.query(tx)) out.push_back(row.integer(0));
      return out;
    });
  }
  test::TestDatabase test_db_;
};

using Ids = std::vector<std::int64_t>;

TEST_F(WhereDatabaseTest, KeysetPagesNewestFirstAndOldestFirst) {
  Where first(head, {1});
  EXPECT_EQ(ids(first.before("id", std::nullopt).order_by("id DESC", 4)), (Ids{10, 9, 8, 7}));
  Where second(head, {1});
  EXPECT_EQ(ids(second.before("id", std::int64_t{7}).order_by("id DESC", 4)), (Ids{6, 5, 4, 3}));
  Where last(head, {1});
  EXPECT_EQ(ids(last.before("id", std::int64_t{3}).order_by("id DESC", 4)), (Ids{2, 1}));
  Where ascending(head, {1});
  EXPECT_EQ(ids(ascending.after("id", std::int64_t{8}).order_by("id", 4)), (Ids{9, 10}));
}

TEST_F(WhereDatabaseTest, FiltersCombine) {
  Where done(head, {1});
  EXPECT_EQ(ids(done.equal("status", std::optional<std::string>("done")).order_by("id DESC", 50)),
            (Ids{10, 8, 6, 4, 2}));
  // [300, 700): ids 3..6.
  Where period(head, {1});
  EXPECT_EQ(ids(period.period("at_us", std::int64_t{300}, std::int64_t{700}).order_by("id DESC", 50)),
            (Ids{6, 5, 4, 3}));
  Where from_only(head, {1});
  EXPECT_EQ(ids(from_only.period("at_us", std::int64_t{900}, std::nullopt).order_by("id DESC", 50)), (Ids{10, 9}));
  Where listed(head, {1});
  EXPECT_EQ(ids(listed.in("id", std::vector<std::int64_t>{2, 5, 11}).order_by("id", 50)), (Ids{2, 5}));
  Where all(head, {1});
  EXPECT_EQ(ids(all.equal("status", std::optional<std::string>("queued"))
                    .period("at_us", std::int64_t{200}, std::int64_t{1000})
                    .before("id", std::int64_t{9})
                    .order_by("id DESC", 2)),
            (Ids{7, 5}));
  // The head's own parameters keep the tenant apart.
  Where other(head, {2});
  EXPECT_EQ(ids(other.equal("status", std::optional<std::string>("done")).order_by("id DESC", 50)), Ids{11});
}

}  // namespace
}  // namespace rg::db
