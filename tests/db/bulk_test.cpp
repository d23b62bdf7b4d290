// Multi-row statements (db/bulk.hpp) on both backends: run with RETAGUARDA_TEST_DB=postgresql://…
#include <gtest/gtest.h>

#include <set>

#include "db/bulk.hpp"
#include "support/test_db.hpp"

namespace rg::db {
namespace {

TEST(BulkSqlTest, PlaceholdersAreNumberedFromTheFirstAndCastWhenAsked) {
  EXPECT_EQ(values_rows(2, 3, 2), "($2, $3, $4), ($5, $6, $7)");
  EXPECT_EQ(values_rows(1, 2, 1, {"BIGINT", ""}), "(CAST($1 AS BIGINT), $2)");
  EXPECT_EQ(placeholders(3, 4), "$4, $5, $6");
  EXPECT_EQ(placeholders(0), "");
}

class BulkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db().transact(TxMode::write, [](Transaction& tx) {
      tx.execute_script(
          "CREATE TABLE bulk_items (tenant_id BIGINT NOT NULL, id BIGINT NOT NULL, name TEXT NOT NULL,"
          " amount BIGINT, PRIMARY KEY (tenant_id, id))");
    });
  }
  Database& db() { return test_db_.db(); }
  test::TestDatabase test_db_;
};

// 203 rows = 128 + 64 + 8 + 2 + 1 with chunks of at most 128: every row once, in five statements.
TEST_F(BulkTest, InsertsUpdatesAndSelectsManyRowsInPowerOfTwoChunks) {
  Params values;
  for (int i = 1; i <= 203; ++i) values.insert(values.end(), {Value(7), Value(i), Value("item " + std::to_string(i)), Value()});
  std::vector<std::size_t> chunks;
  db().transact(TxMode::write, [&](Transaction& tx) {
    const auto inserted = run_chunked(tx, {}, 4, values, [&](std::size_t rows) {
      chunks.push_back(rows);
      return "INSERT INTO bulk_items (tenant_id, id, name, amount) VALUES " + values_rows(rows, 4);
    }, 128);
    EXPECT_EQ(inserted.affected, 203);
  });
  EXPECT_EQ(chunks, (std::vector<std::size_t>{128, 64, 8, 2, 1}));

  // UPDATE … FROM (VALUES …) with typed columns, RETURNING the rows it changed (id 999 is absent).
  Params changes{Value(5), Value(500), Value(10), Value(1000), Value(999), Value(1)};
  const auto updated = db().transact(TxMode::write, [&](Transaction& tx) {
    return run_chunked(tx, {7}, 2, changes, [](std::size_t rows) {
      return "UPDATE bulk_items AS b SET amount = v.column2 FROM (VALUES " +
             values_rows(rows, 2, 2, {"BIGINT", "BIGINT"}) +
             ") AS v WHERE b.tenant_id = $1 AND b.id = v.column1 RETURNING id";
    });
  });
  std::set<std::int64_t> ids;
  for (const auto& row : updated) ids.insert(row.integer(0));
  EXPECT_EQ(ids, (std::set<std::int64_t>{5, 10}));

  Params wanted{Value(5), Value(10), Value(203), Value(204)};
  const auto found = db().transact(TxMode::read, [&](Transaction& tx) {
    return run_chunked(tx, {7}, 1, wanted, [](std::size_t n) {
      return "SELECT id, amount FROM bulk_items WHERE tenant_id = $1 AND id IN (" + placeholders(n, 2) + ") ORDER BY id";
    });
  });
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].integer(1), 500);
  EXPECT_EQ(found[1].integer(1), 1000);
  EXPECT_TRUE(found[2].is_null(1));
  EXPECT_THROW(db().transact(TxMode::read, [&](Transaction& tx) {
    return run_chunked(tx, {}, 3, wanted, [](std::size_t) { return std::string("SELECT 1"); });
  }), std::invalid_argument) << "values that are not whole rows";
}

// COPY text format: tabs, newlines, carriage returns and backslashes inside values are escaped,
// NULL is \N; PostgreSQL reads back exactly what was written, and a duplicate key fails as a
// unique violation (the ledger's retry depends on it). SQLite has no COPY.
TEST_F(BulkTest, CopyRowsRoundTripsAwkwardTextOnPostgreSQL) {
  CopyRows rows;
  const std::vector<std::string> names = {"tab\there", "line\nbreak", "back\\slash \\N", "cr\rx", "plain"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    rows.integer(7);
    rows.integer(static_cast<std::int64_t>(i + 1));
    rows.text(names[i]);
    rows.integer(i % 2 ? std::optional<std::int64_t>(-42) : std::nullopt);
    rows.end_row();
  }
  EXPECT_EQ(rows.rows(), names.size());
  if (db().kind() == Kind::sqlite) {
    db().transact(TxMode::write, [&](Transaction& tx) {
      EXPECT_THROW(tx.copy_rows("bulk_items (tenant_id, id, name, amount)", rows.data()), std::logic_error);
    });
    return;
  }
  db().transact(TxMode::write, [&](Transaction& tx) {
    EXPECT_EQ(tx.copy_rows("bulk_items (tenant_id, id, name, amount)", rows.data()), 5);
  });
  const auto back = db().transact(TxMode::read, [](Transaction& tx) {
    return tx.query("SELECT name, amount FROM bulk_items WHERE tenant_id = 7 ORDER BY id");
  });
  ASSERT_EQ(back.size(), names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(back[i].text(0), names[i]);
    EXPECT_EQ(back[i].is_null(1), i % 2 == 0);
    if (i % 2) {
      EXPECT_EQ(back[i].integer(1), -42);
    }
  }
  try {
    db().transact(TxMode::write, [&](Transaction& tx) { tx.copy_rows("bulk_items (tenant_id, id, name, amount)", rows.data()); });
    FAIL() << "a duplicate key must fail";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::unique_violation) << e.what();
  }
  // The connection is usable after the failed COPY.
  EXPECT_EQ(db().transact(TxMode::read, [](Transaction& tx) { return tx.query("SELECT 1").size(); }), 1u);
}

}  // namespace
}  // namespace rg::db
