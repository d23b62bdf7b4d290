// Storage layer on both backends: run with RETAGUARDA_TEST_DB=postgresql://… for PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/result.hpp"
#include "db/database.hpp"
#include "support/test_db.hpp"

namespace rg::db {
namespace {

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db().transact(TxMode::write, [](Transaction& tx) {
      tx.execute_script(
          "CREATE TABLE items (tenant_id BIGINT NOT NULL, id BIGINT NOT NULL, name TEXT NOT NULL, amount_cents BIGINT,"
          " ratio DOUBLE PRECISION, PRIMARY KEY (tenant_id, id))");
    });
  }
  Database& db() { return test_db_.db(); }
  std::int64_t count() {
    return db().transact(TxMode::read, [](Transaction& tx) { return tx.query_one("SELECT COUNT(*) FROM items")->integer(0); });
  }
  test::TestDatabase test_db_;
};

TEST_F(DatabaseTest, RoundTripsValuesWithDollarPlaceholders) {
  db().transact(TxMode::write, [](Transaction& tx) {
    const auto n = tx.execute("INSERT INTO items (tenant_id, id, name, amount_cents, ratio) VALUES ($1, $2, $3, $4, $5)",
                              {7, std::int64_t{9007199254740993}, "Conta São Paulo ção", std::int64_t{-123456}, 0.25});
    EXPECT_EQ(n, 1);
    tx.execute("INSERT INTO items (tenant_id, id, name, amount_cents) VALUES ($1, $2, $3, $4)", {7, 2, "vazio", nullptr});
  });
  db().transact(TxMode::read, [](Transaction& tx) {
    auto rows = tx.query("SELECT id, name, amount_cents, ratio FROM items WHERE tenant_id = $1 ORDER BY id", {7});
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].integer(0), 2);
    EXPECT_TRUE(rows[0].is_null(2));
    EXPECT_EQ(rows[0].integer_or_null(2), std::nullopt);
    EXPECT_EQ(rows[1].integer(0), 9007199254740993);
    EXPECT_EQ(rows[1].text(1), "Conta São Paulo ção");
    EXPECT_EQ(rows[1].integer(2), -123456);
    EXPECT_DOUBLE_EQ(rows[1].real(3), 0.25);
    EXPECT_EQ(rows.columns.at(1), "name");
  });
}

TEST_F(DatabaseTest, ParameterReusedAndOutOfOrder) {
  db().transact(TxMode::write, [](Transaction& tx) {
    tx.execute("INSERT INTO items (tenant_id, id, name, amount_cents) VALUES ($2, $1, $3, $1)", {5, 1, "x"});
  });
  auto row = db().transact(TxMode::read, [](Transaction& tx) {
    return *tx.query_one("SELECT tenant_id, id, amount_cents FROM items");
  });
  EXPECT_EQ(row.integer(0), 1);
  EXPECT_EQ(row.integer(1), 5);
  EXPECT_EQ(row.integer(2), 5);
}

TEST_F(DatabaseTest, UniqueViolationIsReportedAsSuch) {
  db().transact(TxMode::write, [](Transaction& tx) { tx.execute("INSERT INTO items VALUES (1, 1, 'a', 0, 0)"); });
  try {
    db().transact(TxMode::write, [](Transaction& tx) { tx.execute("INSERT INTO items VALUES (1, 1, 'b', 0, 0)"); });
    FAIL() << "expected a unique violation";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::unique_violation) << e.what();
    EXPECT_FALSE(e.retryable());
  }
}

TEST_F(DatabaseTest, ErrorResultRollsBackEverything) {
  Result<int> r = db().transact(TxMode::write, [](Transaction& tx) -> Result<int> {
    tx.execute("INSERT INTO items VALUES (1, 1, 'a', 0, 0)");
    tx.execute("INSERT INTO items VALUES (1, 2, 'b', 0, 0)");
    return Error::invalid("amount_cents", "negative");
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(count(), 0);
}

TEST_F(DatabaseTest, ExceptionRollsBackAndTheConnectionStaysUsable) {
  EXPECT_THROW(db().transact(TxMode::write,
                             [](Transaction& tx) {
                               tx.execute("INSERT INTO items VALUES (1, 1, 'a', 0, 0)");
                               tx.execute("INSERT INTO no_such_table VALUES (1)");
                             }),
               DbError);
  EXPECT_EQ(count(), 0);
  db().transact(TxMode::write, [](Transaction& tx) { tx.execute("INSERT INTO items VALUES (1, 1, 'a', 0, 0)"); });
  EXPECT_EQ(count(), 1);
}

TEST_F(DatabaseTest, SuccessfulResultCommits) {
  Result<int> r = db().transact(TxMode::write, [](Transaction& tx) -> Result<int> {
    return static_cast<int>(tx.execute("INSERT INTO items VALUES (1, 1, 'a', 0, 0)"));
  });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 1);
  EXPECT_EQ(count(), 1);
}

// Concurrent read-modify-write increments: on PostgreSQL under SERIALIZABLE some transactions
// fail with 40001 and must be retried by transact(); on SQLite writers queue. Either way no
// increment may be lost.
TEST_F(DatabaseTest, ConcurrentSerializableIncrementsAreRetriedAndNoneIsLost) {
  db().transact(TxMode::write, [](Transaction& tx) { tx.execute("INSERT INTO items VALUES (1, 1, 'counter', 0, 0)"); });
  constexpr int threads = 4, per_thread = 25;
  std::vector<std::thread> workers;
  std::atomic<int> failures{0};
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (int i = 0; i < per_thread; ++i) {
        try {
          db().transact(TxMode::serializable, [](Transaction& tx) {
            const auto v = tx.query_one("SELECT amount_cents FROM items WHERE tenant_id = 1 AND id = 1")->integer(0);
            tx.execute("UPDATE items SET amount_cents = $1 WHERE tenant_id = 1 AND id = 1", {v + 1});
          });
        } catch (const DbError&) {
          ++failures;
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_EQ(failures.load(), 0);
  const auto total = db().transact(TxMode::read, [](Transaction& tx) {
    return tx.query_one("SELECT amount_cents FROM items WHERE id = 1")->integer(0);
  });
  EXPECT_EQ(total, threads * per_thread);
}

TEST_F(DatabaseTest, AffectedRowsAndReturning) {
  db().transact(TxMode::write, [](Transaction& tx) {
    for (int i = 1; i <= 3; ++i) tx.execute("INSERT INTO items VALUES (1, $1, 'x', $1, 0)", {i});
    auto returned = tx.query("UPDATE items SET amount_cents = amount_cents * 10 WHERE id >= $1 RETURNING id, amount_cents", {2});
    EXPECT_EQ(returned.size(), 2u);
    EXPECT_EQ(returned.affected, 2);
    EXPECT_EQ(tx.execute("DELETE FROM items WHERE id = $1", {99}), 0);
    const auto sum = tx.query_one("SELECT SUM(amount_cents) FROM items")->integer(0);
    EXPECT_EQ(sum, 1 + 20 + 30);
  });
}

TEST_F(DatabaseTest, PoolReportsItsConnections) {
  const auto before = db().pool_stats();
  {
    auto a = db().begin(TxMode::read);
    auto b = db().begin(TxMode::read);
    EXPECT_EQ(db().pool_stats().in_use, 2);
  }
  const auto after = db().pool_stats();
  EXPECT_EQ(after.in_use, 0);
  EXPECT_GE(after.size, 2);
  EXPECT_EQ(after.acquired_total, before.acquired_total + 2);
  EXPECT_EQ(after.capacity, 4);
}

}  // namespace
}  // namespace rg::db
