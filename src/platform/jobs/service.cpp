#include "platform/jobs/service.hpp"

#include <algorithm>
#include <random>

#include "core/limits.hpp"
#include "core/log.hpp"
#include "platform/jobs/store.hpp"

namespace rg::jobs {

std::int64_t retry_delay_ms(int attempt, double jitter_unit) {
  const int shift = std::clamp(attempt - 1, 0, 30);
  const std::int64_t base =
      std::min<std::int64_t>(limits::job_backoff_max_ms, limits::job_backoff_base_ms << std::min(shift, 22));
  // jitter_unit in [0, 1) maps to a factor in [0.75, 1.25).
  return static_cast<std::int64_t>(static_cast<double>(base) * (0.75 + 0.5 * jitter_unit));
}

JobQueue::JobQueue(db::Database& db, const Clock& clock, IdGenerator& ids) : db_(db), clock_(clock), ids_(ids) {}

void JobQueue::register_kind(std::string name, JobHandler handler, int max_attempts, DeadJobHook on_dead,
                             std::int64_t lease_ms) {
  const std::string key = name;
  kinds_[key] = JobKind{std::move(name), std::move(handler), std::move(on_dead),
                        max_attempts > 0 ? max_attempts : limits::job_attempts_max_default, 0, lease_ms};
}

void JobQueue::register_periodic(std::string name, std::int64_t period_ms, JobHandler handler,
                                 std::int64_t lease_ms) {
  const std::string key = name;
  kinds_[key] = JobKind{std::move(name), std::move(handler), {}, 3, period_ms, lease_ms};
}

Result<Id> JobQueue::enqueue(db::Transaction& tx, JobSpec spec) {
  const auto it = kinds_.find(spec.kind);
  if (it == kinds_.end()) return Error::invalid("kind", "Unknown job kind '" + spec.kind + "'.");
  if (spec.payload.size() > limits::job_payload_bytes_max) return Error::invalid("payload", "Job payload too large.");
  const int max_attempts = spec.max_attempts > 0 ? spec.max_attempts : it->second.max_attempts;
  return store::insert(tx, ids_.next(), spec, max_attempts, clock_.now_us());
}

Result<Id> JobQueue::enqueue(JobSpec spec) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) { return enqueue(tx, spec); });
}

void JobQueue::schedule_periodic() {
  for (const auto& [name, kind] : kinds_) {
    if (kind.period_ms <= 0) continue;
    auto id = enqueue(JobSpec{name, "{}", platform_tenant, 0, 0, "periodic:" + name});
    if (!id) log::error("jobs.schedule_failed", {{"kind", name}, {"error", id.error().detail}});
  }
}

int JobQueue::run_due(const std::string& worker_id, int limit) {
  const std::int64_t now = clock_.now_us();
  const auto jobs = db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    auto claimed = store::claim(tx, worker_id, std::min(limit, limits::job_claim_batch_max), now,
                                now + limits::job_lease_ms_default * 1000);
    for (const auto& job : claimed) {
      const auto it = kinds_.find(job.kind);
      if (it != kinds_.end() && it->second.lease_ms > 0) store::set_lease(tx, job, now + it->second.lease_ms * 1000);
    }
    return claimed;
  });
  for (const auto& job : jobs) execute(job, worker_id);
  return static_cast<int>(jobs.size());
}

void JobQueue::execute(const Job& job, const std::string& worker_id) {
  const auto it = kinds_.find(job.kind);
  const JobKind* kind = it == kinds_.end() ? nullptr : &it->second;
  if (!kind) return finish_failed(job, worker_id, "no handler for job kind '" + job.kind + "' in this process", kind);
  if (job.attempt > job.max_attempts) {
    return finish_failed(job, worker_id, "the worker running the last attempt stopped (lease expired)", kind);
  }
  Status status;
  try {
    status = kind->handler(job);
  } catch (const std::exception& e) {
    status = Error::internal(std::string("exception: ") + e.what());
  }
  if (!status) return finish_failed(job, worker_id, status.error().detail, kind);
  db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    if (store::mark_succeeded(tx, job, worker_id, clock_.now_us())) schedule_next(tx, job, *kind);
  });
  log::debug("jobs.succeeded", {{"kind", job.kind}, {"job_id", job.id}, {"attempt", job.attempt}});
}

void JobQueue::finish_failed(const Job& job, const std::string& worker_id, const std::string& error_in,
                             const JobKind* kind) {
  const std::string error = error_in.substr(0, limits::job_error_chars_max);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const double jitter = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
  const std::int64_t now = clock_.now_us();
  const bool last = job.attempt >= job.max_attempts;
  db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    if (last) {
      if (store::mark_dead(tx, job, worker_id, error, now) && kind) {
        if (kind->on_dead) kind->on_dead(tx, job, error);
        schedule_next(tx, job, *kind);
      }
    } else {
      store::mark_retry(tx, job, worker_id, error, now + retry_delay_ms(job.attempt, jitter) * 1000, now);
    }
  });
  log::warn(last ? "jobs.dead" : "jobs.failed",
            {{"kind", job.kind}, {"job_id", job.id}, {"attempt", job.attempt}, {"error", error}});
}

void JobQueue::schedule_next(db::Transaction& tx, const Job& job, const JobKind& kind) {
  if (kind.period_ms <= 0) return;
  JobSpec next{job.kind, "{}", job.tenant_id, clock_.now_us() + kind.period_ms * 1000, 0, "periodic:" + job.kind};
  store::insert(tx, ids_.next(), next, kind.max_attempts, clock_.now_us());
}

QueueCounts JobQueue::counts() {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::counts(tx, clock_.now_us()); });
}

JobRunner::JobRunner(JobQueue& queue, std::string worker_id, int threads)
    : queue_(queue),
      worker_id_(std::move(worker_id)),
      threads_(queue.database().kind() == db::Kind::sqlite ? 1 : std::max(1, threads)) {}

JobRunner::~JobRunner() { stop(); }

void JobRunner::start() {
  for (int i = 0; i < threads_; ++i) workers_.emplace_back([this] { loop(); });
}

void JobRunner::stop() {
  stopping_ = true;
  wake_.notify_all();
  for (auto& t : workers_) {
    if (t.joinable()) t.join();
  }
  workers_.clear();
}

void JobRunner::notify() { wake_.notify_all(); }

void JobRunner::loop() {
  while (!stopping_) {
    int ran = 0;
    try {
      ran = queue_.run_due(worker_id_, 1);
    } catch (const std::exception& e) {
      log::error("jobs.claim_failed", {{"error", e.what()}});
    }
    if (ran > 0) continue;
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, std::chrono::milliseconds(limits::job_poll_idle_ms), [this] { return stopping_.load(); });
  }
}

}  // namespace rg::jobs
