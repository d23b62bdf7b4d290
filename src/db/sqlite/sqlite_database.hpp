#pragma once
#include <memory>
#include <mutex>
#include <string>

#include "db/database.hpp"
#include "db/pool.hpp"

namespace rg::db {

class SqliteConnection;

// SQLite in WAL mode with foreign keys on and a busy timeout. Readers run concurrently on
// pooled connections; writers take an in-process mutex before BEGIN IMMEDIATE so they queue
// fairly instead of spinning in the busy handler (the busy timeout still covers other processes).
class SqliteDatabase : public Database {
 public:
  SqliteDatabase(std::string path, int pool_size);
  ~SqliteDatabase() override;

  Kind kind() const override { return Kind::sqlite; }
  std::unique_ptr<Transaction> begin(TxMode mode) override;
  PoolStats pool_stats() const override { return pool_.stats(); }
  std::string describe() const override { return "sqlite:" + path_; }

 private:
  std::string path_;
  Pool<SqliteConnection> pool_;
  std::mutex write_mutex_;
};

}  // namespace rg::db
