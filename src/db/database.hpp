#pragma once
// The one storage interface (DESIGN.md §6). Stores write portable SQL with $1..$n placeholders;
// the SQLite and PostgreSQL implementations prepare each distinct SQL text once per connection
// and keep it in a per-connection cache, so callers never manage statement lifetimes.
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/limits.hpp"

namespace rg::db {

enum class Kind { sqlite, postgresql };
const char* kind_name(Kind kind);

// A bound parameter or a column value. Booleans and smaller integers become int64.
class Value {
 public:
  Value() = default;
  Value(std::nullptr_t) {}
  Value(std::int64_t v) : v_(v) {}
  Value(int v) : v_(static_cast<std::int64_t>(v)) {}
  // long long is a distinct type from std::int64_t (long) on LP64 Linux.
  Value(long long v) : v_(static_cast<std::int64_t>(v)) {}
  Value(unsigned v) : v_(static_cast<std::int64_t>(v)) {}
  Value(bool v) : v_(static_cast<std::int64_t>(v ? 1 : 0)) {}
  Value(double v) : v_(v) {}
  Value(std::string v) : v_(std::move(v)) {}
  Value(std::string_view v) : v_(std::string(v)) {}
  Value(const char* v) : v_(std::string(v)) {}
  template <typename T>
  Value(const std::optional<T>& v) {
    if (v) *this = Value(*v);
  }

  bool is_null() const { return v_.index() == 0; }
  bool is_int() const { return v_.index() == 1; }
  bool is_real() const { return v_.index() == 2; }
  bool is_text() const { return v_.index() == 3; }
  std::int64_t as_int() const;       // throws if not convertible
  double as_real() const;
  const std::string& as_text() const;  // throws if not text
  std::string to_text() const;        // any non-null value rendered as text

 private:
  std::variant<std::monostate, std::int64_t, double, std::string> v_;
};

using Params = std::vector<Value>;

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t i) const { return at(i).is_null(); }
  std::int64_t integer(std::size_t i) const { return at(i).as_int(); }
  double real(std::size_t i) const { return at(i).as_real(); }
  std::string text(std::size_t i) const { return at(i).to_text(); }
  std::optional<std::int64_t> integer_or_null(std::size_t i) const;
  std::optional<std::string> text_or_null(std::size_t i) const;
  const Value& at(std::size_t i) const;

 private:
  std::vector<Value> values_;
};

struct Rows {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE

  bool empty() const { return rows.empty(); }
  std::size_t size() const { return rows.size(); }
  auto begin() const { return rows.begin(); }
  auto end() const { return rows.end(); }
  const Row& operator[](std::size_t i) const { return rows.at(i); }
};

// Broken infrastructure or a constraint the caller did not pre-check. Services translate the
// constraint kinds they expect (e.g. unique violation → conflict); the rest become 500s.
class DbError : public std::runtime_error {
 public:
  enum class Kind { other, retryable, unique_violation, foreign_key_violation, check_violation, connection };
  DbError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }
  // Serialization failures, deadlocks, SQLITE_BUSY and dropped connections: retry the whole
  // transaction.
  bool retryable() const { return kind_ == Kind::retryable || kind_ == Kind::connection; }

 private:
  Kind kind_;
};

enum class TxMode {
  read,          // snapshot reads; no writes expected
  write,         // PostgreSQL READ COMMITTED (lock rows with for_update()); SQLite BEGIN IMMEDIATE
  serializable,  // PostgreSQL SERIALIZABLE; SQLite BEGIN IMMEDIATE (one writer is serializable)
};

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Kind kind() const = 0;
  virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
  // Several statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;
  virtual void commit() = 0;  // a transaction destroyed without commit() rolls back
  // PostgreSQL only: COPY `table_columns` ("t (a, b)") FROM STDIN with `data` in COPY's text
  // format (db::CopyRows); returns the rows copied. Constraint violations throw as from query().
  virtual std::int64_t copy_rows(std::string_view table_columns, std::string_view data);

  std::int64_t execute(std::string_view sql, const Params& params = {}) { return query(sql, params).affected; }
  std::optional<Row> query_one(std::string_view sql, const Params& params = {});
  // Row-lock suffix for SELECTs in write transactions: " FOR UPDATE" on PostgreSQL, "" on SQLite
  // (whose BEGIN IMMEDIATE already holds the single write lock).
  const char* for_update() const { return kind() == Kind::postgresql ? " FOR UPDATE" : ""; }
};

struct PoolStats {
  int size = 0;        // connections open
  int in_use = 0;      // connections lent out
  int capacity = 0;    // maximum connections
  std::int64_t acquired_total = 0;
  std::int64_t waited_total = 0;  // acquisitions that had to wait for a free connection
  std::int64_t wait_us_total = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Kind kind() const = 0;
  virtual std::unique_ptr<Transaction> begin(TxMode mode) = 0;
  virtual PoolStats pool_stats() const = 0;
  // A cheap round trip; throws DbError when the database is unreachable.
  virtual void ping();
  // Connection description safe for logs (no password).
  virtual std::string describe() const = 0;

  // Runs fn(Transaction&) in a transaction: commits when fn returns a successful Result (or
  // void or a plain value), rolls back on an error Result or exception, and retries the whole function on a
  // retryable DbError up to limits::transaction_retry_max times with jittered backoff.
  template <typename F>
  auto transact(TxMode mode, F&& fn) -> std::invoke_result_t<F&, Transaction&>;
};

void backoff_before_retry(int attempt);

template <typename F>
auto Database::transact(TxMode mode, F&& fn) -> std::invoke_result_t<F&, Transaction&> {
  using R = std::invoke_result_t<F&, Transaction&>;
  for (int attempt = 1;; ++attempt) {
    try {
      auto tx = begin(mode);
      if constexpr (std::is_void_v<R>) {
        fn(*tx);
        tx->commit();
        return;
      } else {
        R result = fn(*tx);
        // A Result-like value commits only when ok(); any other value always commits.
        if constexpr (requires { result.ok(); }) {
          if (result.ok()) tx->commit();
        } else {
          tx->commit();
        }
        return result;
      }
    } catch (const DbError& e) {
      if (!e.retryable() || attempt >= limits::transaction_retry_max) throw;
      backoff_before_retry(attempt);
    }
  }
}

// Opens SQLite for a file path (creating its folder) or PostgreSQL for a postgresql:// URL.
std::unique_ptr<Database> open_database(const std::string& url_or_path, int pool_size);

}  // namespace rg::db
