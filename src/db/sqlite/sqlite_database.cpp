#include "db/sqlite/sqlite_database.hpp"

#include <cstdlib>
#include <sqlite3.h>

#include <string>
#include <unordered_map>

namespace rg::db {

namespace {

DbError sqlite_error(sqlite3* handle, int code, std::string_view context) {
  const int extended = handle ? sqlite3_extended_errcode(handle) : code;
  std::string message = std::string(context) + ": " + (handle ? sqlite3_errmsg(handle) : sqlite3_errstr(code));
  switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return DbError(DbError::Kind::unique_violation, message);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return DbError(DbError::Kind::foreign_key_violation, message);
    case SQLITE_CONSTRAINT_CHECK:
      return DbError(DbError::Kind::check_violation, message);
    default:
      break;
  }
  const int primary = extended & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return DbError(DbError::Kind::retryable, message);
  return DbError(DbError::Kind::other, message);
}

}  // namespace

class SqliteConnection {
 public:
  explicit SqliteConnection(const std::string& path) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &handle_, flags, nullptr);
    if (rc != SQLITE_OK) {
      DbError error = sqlite_error(handle_, rc, "open " + path);
      sqlite3_close(handle_);
      throw error;
    }
    sqlite3_busy_timeout(handle_, static_cast<int>(limits::sqlite_busy_timeout_ms));
    // WAL lets readers run beside the writer; synchronous=FULL keeps every committed
    // transaction across a power loss, which a ledger needs more than the extra fsync costs.
    // Reads go through a shared memory map of the file (the OS page cache, shared by every
    // connection) instead of pread copies into each connection's own page cache.
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
         " PRAGMA mmap_size=1073741824;");
  }
  ~SqliteConnection() {
    for (auto& [sql, statement] : statements_) sqlite3_finalize(statement.stmt);
    sqlite3_close_v2(handle_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  // True unless the connection is stuck inside a transaction (e.g. a failed ROLLBACK).
  bool healthy() const { return sqlite3_get_autocommit(handle_) != 0; }
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  void exec(std::string_view sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(handle_, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string text = message ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      throw sqlite_error(handle_, rc, "exec: " + text);
    }
  }

  Rows query(std::string_view sql, const Params& params) {
    const Statement& statement = prepare(sql);
    sqlite3_stmt* stmt = statement.stmt;
    // Always leave the statement reset and unbound, whatever happens below.
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    bind(statement, params);
    Rows rows;
    const int columns = sqlite3_column_count(stmt);
    for (int c = 0; c < columns; ++c) rows.columns.emplace_back(sqlite3_column_name(stmt, c));
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) throw sqlite_error(handle_, rc, "step");
      std::vector<Value> values;
      values.reserve(columns);
      for (int c = 0; c < columns; ++c) values.push_back(column(stmt, c));
      rows.rows.emplace_back(std::move(values));
    }
    rows.affected = sqlite3_changes64(handle_);
    return rows;
  }

 private:
  // A prepared statement and, for each $k of the shared SQL, SQLite's index of that parameter
  // (0: not used). SQLite treats $1..$n as named parameters; looking each name up per bind is a
  // linear search, which made multi-row statements (hundreds of parameters) quadratic.
  struct Statement {
    sqlite3_stmt* stmt = nullptr;
    std::vector<int> index_of;
  };

  const Statement& prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = statements_.find(key); it != statements_.end()) return it->second;
    Statement statement;
    const int rc = sqlite3_prepare_v3(handle_, key.c_str(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                      &statement.stmt, nullptr);
    if (rc != SQLITE_OK) throw sqlite_error(handle_, rc, "prepare");
    const int count = sqlite3_bind_parameter_count(statement.stmt);
    for (int index = 1; index <= count; ++index) {
      const char* name = sqlite3_bind_parameter_name(statement.stmt, index);
      if (!name || name[0] != '$') continue;
      const long k = std::strtol(name + 1, nullptr, 10);
      if (k <= 0) continue;
      if (statement.index_of.size() < static_cast<std::size_t>(k)) statement.index_of.resize(static_cast<std::size_t>(k), 0);
      statement.index_of[static_cast<std::size_t>(k) - 1] = index;
    }
    return statements_.emplace(std::move(key), std::move(statement)).first->second;
  }

  void bind(const Statement& statement, const Params& params) {
    sqlite3_stmt* stmt = statement.stmt;
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = i < statement.index_of.size() ? statement.index_of[i] : 0;
      if (index == 0) continue;
      const Value& v = params[i];
      int rc = SQLITE_OK;
      if (v.is_null()) {
        rc = sqlite3_bind_null(stmt, index);
      } else if (v.is_int()) {
        rc = sqlite3_bind_int64(stmt, index, v.as_int());
      } else if (v.is_real()) {
        rc = sqlite3_bind_double(stmt, index, v.as_real());
      } else {
        const std::string& s = v.as_text();
        rc = sqlite3_bind_text(stmt, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) throw sqlite_error(handle_, rc, "bind $" + std::to_string(i + 1));
    }
  }

  static Value column(sqlite3_stmt* stmt, int c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_INTEGER:
        return Value(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c)));
      case SQLITE_FLOAT:
        return Value(sqlite3_column_double(stmt, c));
      case SQLITE_NULL:
        return Value();
      default: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        return Value(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
      }
    }
  }

  sqlite3* handle_ = nullptr;
  std::unordered_map<std::string, Statement> statements_;
};

SqliteDatabase::SqliteDatabase(std::string path, int pool_size)
    : path_(std::move(path)), pool_(pool_size, [this] { return std::make_unique<SqliteConnection>(path_); }) {
  // Open one connection now so a bad path fails at start, not on the first request.
  pool_.release(pool_.acquire(), true);
}

SqliteDatabase::~SqliteDatabase() = default;

std::unique_ptr<Transaction> SqliteDatabase::begin(TxMode mode) {
  // Writers take the in-process lock before a connection, so waiting writers hold none.
  std::unique_lock<std::mutex> lock;
  if (mode != TxMode::read) lock = std::unique_lock(write_mutex_);
  return std::make_unique<PooledTransaction<SqliteConnection>>(
      Kind::sqlite, pool_, pool_.acquire(), mode == TxMode::read ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE", std::move(lock));
}

}  // namespace rg::db
