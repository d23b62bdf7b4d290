#pragma once
// A bounded pool of connections shared by both backends. Connections are created lazily up to
// the capacity; a borrower waits (bounded by limits::db_pool_wait_ms_max) when all are lent out.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "db/database.hpp"

namespace rg::db {

template <typename Connection>
class Pool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;

  Pool(int capacity, Factory factory) : capacity_(capacity), factory_(std::move(factory)) {}

  // Returns a connection; the caller gives it back with release() or discards it when broken.
  std::unique_ptr<Connection> acquire() {
    std::unique_lock lock(mutex_);
    ++stats_.acquired_total;
    if (idle_.empty() && stats_.size >= capacity_) {
      ++stats_.waited_total;
      const auto start = std::chrono::steady_clock::now();
      const bool got = available_.wait_for(lock, std::chrono::milliseconds(limits::db_pool_wait_ms_max),
                                           [&] { return !idle_.empty() || stats_.size < capacity_; });
      stats_.wait_us_total +=
          std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
      if (!got) throw DbError(DbError::Kind::retryable, "timed out waiting for a database connection");
    }
    ++stats_.in_use;
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    ++stats_.size;
    lock.unlock();
    try {
      return factory_();
    } catch (...) {
      lock.lock();
      --stats_.size;
      --stats_.in_use;
      available_.notify_one();
      throw;
    }
  }

  void release(std::unique_ptr<Connection> conn, bool healthy) {
    std::lock_guard lock(mutex_);
    --stats_.in_use;
    if (healthy) {
      idle_.push_back(std::move(conn));
    } else {
      --stats_.size;
    }
    available_.notify_one();
  }

  PoolStats stats() const {
    std::lock_guard lock(mutex_);
    PoolStats s = stats_;
    s.capacity = capacity_;
    return s;
  }

 private:
  const int capacity_;
  Factory factory_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  PoolStats stats_;
};

// A transaction on a pooled connection, shared by both backends. The connection type provides
// exec(sql), query(sql, params) and healthy(). Rolls back unless committed, and gives the
// connection back to the pool (or drops it when it is no longer usable). `lock` is held for the
// transaction's lifetime (SQLite's in-process writer lock).
template <typename Connection>
class PooledTransaction final : public Transaction {
 public:
  PooledTransaction(Kind kind, Pool<Connection>& pool, std::unique_ptr<Connection> conn, const char* begin_sql,
                    std::unique_lock<std::mutex> lock = {})
      : kind_(kind), pool_(pool), conn_(std::move(conn)), lock_(std::move(lock)) {
    try {
      conn_->exec(begin_sql);
    } catch (...) {
      const bool healthy = conn_->healthy();
      pool_.release(std::move(conn_), healthy);
      throw;
    }
  }
  ~PooledTransaction() override {
    bool healthy = true;
    if (!done_) {
      try {
        conn_->exec("ROLLBACK");
      } catch (...) {
        healthy = false;
      }
    }
    healthy = healthy && conn_->healthy();
    pool_.release(std::move(conn_), healthy);
  }
  PooledTransaction(const PooledTransaction&) = delete;
  PooledTransaction& operator=(const PooledTransaction&) = delete;

  Kind kind() const override { return kind_; }
  Rows query(std::string_view sql, const Params& params) override { return conn_->query(sql, params); }
  void execute_script(std::string_view sql) override { conn_->exec(sql); }
  std::int64_t copy_rows(std::string_view table_columns, std::string_view data) override {
    if constexpr (requires { conn_->copy_in(table_columns, data); }) {
      return conn_->copy_in(table_columns, data);
    } else {
      return Transaction::copy_rows(table_columns, data);
    }
  }
  void commit() override {
    conn_->exec("COMMIT");
    done_ = true;
  }

 private:
  const Kind kind_;
  Pool<Connection>& pool_;
  std::unique_ptr<Connection> conn_;
  std::unique_lock<std::mutex> lock_;
  bool done_ = false;
};

}  // namespace rg::db
