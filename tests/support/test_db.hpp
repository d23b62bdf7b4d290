#pragma once
// A fresh, migrated-or-empty database for one test: a temporary SQLite file, or — when
// RETAGUARDA_TEST_DB holds a postgresql:// URL — a new schema on that server, dropped afterwards.
#include <memory>
#include <string>

#include "db/database.hpp"

namespace rg::test {

class TestDatabase {
 public:
  explicit TestDatabase(int pool_size = 4);
  ~TestDatabase();
  db::Database& db() { return *db_; }
  // What a second process (or a second pool) would pass as --db to reach the same data.
  const std::string& url() const { return url_; }
  std::unique_ptr<db::Database> open_another(int pool_size = 4) const;

 private:
  std::string url_;
  std::string schema_;  // PostgreSQL only
  std::string admin_url_;
  std::string sqlite_dir_;
  std::unique_ptr<db::Database> db_;
};

bool testing_postgres();

}  // namespace rg::test
