#pragma once
// The job queue: enqueue inside the caller's transaction, claim, run, retry with backoff, dead
// after the last attempt, periodic kinds. JobRunner drives it from worker threads.
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "platform/jobs/model.hpp"

namespace rg::jobs {

class JobQueue {
 public:
  JobQueue(db::Database& db, const Clock& clock, IdGenerator& ids);

  // Kinds are registered at start-up, before any runner starts.
  void register_kind(std::string name, JobHandler handler, int max_attempts = 0, DeadJobHook on_dead = {},
                     std::int64_t lease_ms = 0);
  void register_periodic(std::string name, std::int64_t period_ms, JobHandler handler, std::int64_t lease_ms = 0);

  Result<Id> enqueue(db::Transaction& tx, JobSpec spec);
  Result<Id> enqueue(JobSpec spec);
  // Makes sure every periodic kind has one live job (idempotent; run at start-up).
  void schedule_periodic();

  // Claims up to `limit` jobs for `worker_id`, runs them and records the outcome. Returns how
  // many ran.
  int run_due(const std::string& worker_id, int limit);
  QueueCounts counts();
  db::Database& database() { return db_; }

 private:
  void execute(const Job& job, const std::string& worker_id);
  void finish_failed(const Job& job, const std::string& worker_id, const std::string& error, const JobKind* kind);
  void schedule_next(db::Transaction& tx, const Job& job, const JobKind& kind);

  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  std::map<std::string, JobKind> kinds_;
};

// Worker threads that poll the queue. On SQLite a single claimer runs (one writer anyway).
class JobRunner {
 public:
  JobRunner(JobQueue& queue, std::string worker_id, int threads);
  ~JobRunner();
  void start();
  // Stops claiming; jobs already running finish first.
  void stop();
  // Wakes idle workers (after an in-process enqueue).
  void notify();
  const std::string& worker_id() const { return worker_id_; }

 private:
  void loop();
  JobQueue& queue_;
  const std::string worker_id_;
  const int threads_;
  std::vector<std::thread> workers_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
};

}  // namespace rg::jobs
