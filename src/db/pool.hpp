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

}  // namespace rg::db
