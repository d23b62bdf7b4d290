#pragma once
#include <memory>
#include <string>

#include "db/database.hpp"
#include "db/pool.hpp"

namespace rg::db {

class PostgresConnection;

// PostgreSQL through libpq: a bounded connection pool and, per connection, a cache of
// server-side prepared statements keyed by SQL text.
class PostgresDatabase : public Database {
 public:
  PostgresDatabase(std::string url, int pool_size);
  ~PostgresDatabase() override;

  Kind kind() const override { return Kind::postgresql; }
  std::unique_ptr<Transaction> begin(TxMode mode) override;
  PoolStats pool_stats() const override { return pool_.stats(); }
  std::string describe() const override;

 private:
  std::string url_;
  Pool<PostgresConnection> pool_;
};

}  // namespace rg::db
