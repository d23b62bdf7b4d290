#include "db/database.hpp"

#include <filesystem>
#include <random>

#include "db/postgres/postgres_database.hpp"
#include "db/sqlite/sqlite_database.hpp"

namespace rg::db {

const char* kind_name(Kind kind) { return kind == Kind::sqlite ? "sqlite" : "postgresql"; }

std::int64_t Value::as_int() const {
  if (is_int()) return std::get<1>(v_);
  if (is_real()) return static_cast<std::int64_t>(std::get<2>(v_));
  if (is_text()) {
    const auto& s = std::get<3>(v_);
    std::size_t used = 0;
    long long n = std::stoll(s, &used);
    if (used != s.size()) throw DbError(DbError::Kind::other, "column is not an integer: " + s);
    return n;
  }
  throw DbError(DbError::Kind::other, "NULL where an integer was expected");
}

double Value::as_real() const {
  if (is_real()) return std::get<2>(v_);
  if (is_int()) return static_cast<double>(std::get<1>(v_));
  if (is_text()) return std::stod(std::get<3>(v_));
  throw DbError(DbError::Kind::other, "NULL where a number was expected");
}

const std::string& Value::as_text() const {
  if (!is_text()) throw DbError(DbError::Kind::other, "column is not text");
  return std::get<3>(v_);
}

std::string Value::to_text() const {
  if (is_text()) return std::get<3>(v_);
  if (is_int()) return std::to_string(std::get<1>(v_));
  if (is_real()) return std::to_string(std::get<2>(v_));
  throw DbError(DbError::Kind::other, "NULL where text was expected");
}

const Value& Row::at(std::size_t i) const {
  if (i >= values_.size()) throw DbError(DbError::Kind::other, "column index out of range");
  return values_[i];
}

std::optional<std::int64_t> Row::integer_or_null(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}

std::optional<std::string> Row::text_or_null(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

std::optional<Row> Transaction::query_one(std::string_view sql, const Params& params) {
  Rows rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.rows.front());
}

void Database::ping() { begin(TxMode::read)->query("SELECT 1"); }

void backoff_before_retry(int attempt) {
  // 5 ms, 10 ms, 20 ms … capped at 500 ms, with full jitter so colliding writers spread out.
  thread_local std::mt19937 rng{std::random_device{}()};
  const int cap_ms = std::min(500, 5 << std::min(attempt, 7));
  std::uniform_int_distribution<int> dist(1, cap_ms);
  std::this_thread::sleep_for(std::chrono::milliseconds(dist(rng)));
}

std::unique_ptr<Database> open_database(const std::string& url_or_path, int pool_size) {
  if (url_or_path.starts_with("postgresql://") || url_or_path.starts_with("postgres://")) {
    return std::make_unique<PostgresDatabase>(url_or_path, pool_size);
  }
  const std::filesystem::path path(url_or_path);
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  return std::make_unique<SqliteDatabase>(url_or_path, pool_size);
}

std::int64_t Transaction::copy_rows(std::string_view, std::string_view) {
  throw std::logic_error("copy_rows is for PostgreSQL; SQLite inserts with multi-row statements");
}

}  // namespace rg::db
