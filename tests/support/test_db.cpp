#include "support/test_db.hpp"

#include <cstdlib>
#include <filesystem>

#include "core/ids.hpp"

namespace rg::test {

bool testing_postgres() {
  const char* url = std::getenv("RETAGUARDA_TEST_DB");
  return url && std::string(url).starts_with("postgresql://");
}

TestDatabase::TestDatabase(int pool_size) {
  if (testing_postgres()) {
    admin_url_ = std::getenv("RETAGUARDA_TEST_DB");
    schema_ = "t_" + random_hex(6);
    auto admin = db::open_database(admin_url_, 1);
    admin->transact(db::TxMode::write, [&](db::Transaction& tx) { tx.execute_script("CREATE SCHEMA " + schema_); });
    url_ = admin_url_ + (admin_url_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
  } else {
    sqlite_dir_ = (std::filesystem::temp_directory_path() / ("rg-test-" + random_hex(6))).string();
    std::filesystem::create_directories(sqlite_dir_);
    url_ = sqlite_dir_ + "/test.db";
  }
  db_ = db::open_database(url_, pool_size);
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (!schema_.empty()) {
    auto admin = db::open_database(admin_url_, 1);
    admin->transact(db::TxMode::write,
                    [&](db::Transaction& tx) { tx.execute_script("DROP SCHEMA " + schema_ + " CASCADE"); });
  }
  if (!sqlite_dir_.empty()) std::filesystem::remove_all(sqlite_dir_);
}

std::unique_ptr<db::Database> TestDatabase::open_another(int pool_size) const {
  return db::open_database(url_, pool_size);
}

}  // namespace rg::test
