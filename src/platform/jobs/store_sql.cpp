#include "platform/jobs/store.hpp"

namespace rg::jobs::store {

namespace {

constexpr const char* insert_sql =
    "INSERT INTO jobs (tenant_id, id, kind, payload, status, run_at_us, attempts, max_attempts, unique_key,"
    " created_at_us, updated_at_us) VALUES ($1, $2, $3, $4, 'queued', $5, 0, $6, $7, $8, $8)"
    " ON CONFLICT DO NOTHING";
constexpr const char* live_by_key_sql =
    "SELECT id FROM jobs WHERE tenant_id = $1 AND unique_key = $2 AND status IN ('queued', 'running')";

// Claims due jobs, plus running ones whose worker's lease ran out (the worker died mid-job).
// SKIP LOCKED lets many workers claim from one PostgreSQL without waiting on each other or
// taking the same row; SQLite has one writer, so the plain form is already exclusive.
constexpr const char* claim_sql_postgres =
    "UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $1, locked_until_us = $4,"
    " updated_at_us = $3 WHERE (tenant_id, id) IN (SELECT tenant_id, id FROM jobs WHERE "
    "(status = 'queued' AND run_at_us <= $3) OR (status = 'running' AND locked_until_us < $3)"
    " ORDER BY run_at_us, id LIMIT $2 FOR UPDATE SKIP LOCKED)"
    " RETURNING tenant_id, id, kind, payload, attempts, max_attempts";
constexpr const char* claim_sql_sqlite =
    "UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $1, locked_until_us = $4,"
    " updated_at_us = $3 WHERE (tenant_id, id) IN (SELECT tenant_id, id FROM jobs WHERE "
    "(status = 'queued' AND run_at_us <= $3) OR (status = 'running' AND locked_until_us < $3)"
    " ORDER BY run_at_us, id LIMIT $2)"
    " RETURNING tenant_id, id, kind, payload, attempts, max_attempts";
constexpr const char* insert_attempt_sql =
    "INSERT INTO job_attempts (tenant_id, job_id, attempt, worker_id, started_at_us) VALUES ($1, $2, $3, $4, $5)";
constexpr const char* finish_attempt_sql =
    "UPDATE job_attempts SET finished_at_us = $5, outcome = $6, error = $7"
    " WHERE tenant_id = $1 AND job_id = $2 AND attempt = $3 AND worker_id = $4";
constexpr const char* succeeded_sql =
    "UPDATE jobs SET status = 'succeeded', locked_by = NULL, locked_until_us = NULL, finished_at_us = $4,"
    " updated_at_us = $4 WHERE tenant_id = $1 AND id = $2 AND locked_by = $3 AND status = 'running'";
constexpr const char* retry_sql =
    "UPDATE jobs SET status = 'queued', locked_by = NULL, locked_until_us = NULL, last_error = $4, run_at_us = $5,"
    " updated_at_us = $6 WHERE tenant_id = $1 AND id = $2 AND locked_by = $3 AND status = 'running'";
constexpr const char* dead_sql =
    "UPDATE jobs SET status = 'dead', locked_by = NULL, locked_until_us = NULL, last_error = $4,"
    " finished_at_us = $5, updated_at_us = $5 WHERE tenant_id = $1 AND id = $2 AND locked_by = $3"
    " AND status = 'running'";
constexpr const char* counts_sql =
    "SELECT status, COUNT(*), SUM(CASE WHEN run_at_us <= $1 THEN 1 ELSE 0 END) FROM jobs GROUP BY status";
constexpr const char* attempts_by_worker_sql =
    "SELECT worker_id, outcome, COUNT(*) FROM job_attempts GROUP BY worker_id, outcome ORDER BY worker_id, outcome";
constexpr const char* prune_sql = "DELETE FROM jobs WHERE status = 'succeeded' AND finished_at_us < $1";

void finish_attempt(db::Transaction& tx, const Job& job, const std::string& worker_id, std::int64_t now_us,
                    const char* outcome, const std::string& error) {
  tx.execute(finish_attempt_sql, {job.tenant_id, job.id, job.attempt, worker_id, now_us, outcome,
                                  error.empty() ? db::Value() : db::Value(error)});
}

}  // namespace

Id insert(db::Transaction& tx, Id id, const JobSpec& spec, int max_attempts, std::int64_t now_us) {
  const std::int64_t run_at = spec.run_at_us > 0 ? spec.run_at_us : now_us;
  const auto inserted = tx.execute(insert_sql, {spec.tenant_id, id, spec.kind, spec.payload, run_at, max_attempts,
                                                spec.unique_key, now_us});
  if (inserted == 1 || !spec.unique_key) return id;
  if (auto row = tx.query_one(live_by_key_sql, {spec.tenant_id, *spec.unique_key})) return row->integer(0);
  // The conflicting job finished between our insert and select: try once more.
  tx.execute(insert_sql, {spec.tenant_id, id, spec.kind, spec.payload, run_at, max_attempts, spec.unique_key, now_us});
  return id;
}

std::vector<Job> claim(db::Transaction& tx, const std::string& worker_id, int limit, std::int64_t now_us,
                       std::int64_t lease_until_us) {
  const char* sql = tx.kind() == db::Kind::postgresql ? claim_sql_postgres : claim_sql_sqlite;
  std::vector<Job> jobs;
  for (const auto& row : tx.query(sql, {worker_id, limit, now_us, lease_until_us})) {
    Job job{row.integer(0), row.integer(1), row.text(2), row.text(3), static_cast<int>(row.integer(4)),
            static_cast<int>(row.integer(5))};
    tx.execute(insert_attempt_sql, {job.tenant_id, job.id, job.attempt, worker_id, now_us});
    jobs.push_back(std::move(job));
  }
  return jobs;
}

void set_lease(db::Transaction& tx, const Job& job, std::int64_t lease_until_us) {
  tx.execute("UPDATE jobs SET locked_until_us = $3 WHERE tenant_id = $1 AND id = $2 AND status = 'running'",
             {job.tenant_id, job.id, lease_until_us});
}

bool mark_succeeded(db::Transaction& tx, const Job& job, const std::string& worker_id, std::int64_t now_us) {
  finish_attempt(tx, job, worker_id, now_us, "succeeded", "");
  return tx.execute(succeeded_sql, {job.tenant_id, job.id, worker_id, now_us}) == 1;
}

bool mark_retry(db::Transaction& tx, const Job& job, const std::string& worker_id, const std::string& error,
                std::int64_t run_at_us, std::int64_t now_us) {
  finish_attempt(tx, job, worker_id, now_us, "failed", error);
  return tx.execute(retry_sql, {job.tenant_id, job.id, worker_id, error, run_at_us, now_us}) == 1;
}

bool mark_dead(db::Transaction& tx, const Job& job, const std::string& worker_id, const std::string& error,
               std::int64_t now_us) {
  finish_attempt(tx, job, worker_id, now_us, "dead", error);
  return tx.execute(dead_sql, {job.tenant_id, job.id, worker_id, error, now_us}) == 1;
}

QueueCounts counts(db::Transaction& tx, std::int64_t now_us) {
  QueueCounts c;
  for (const auto& row : tx.query(counts_sql, {now_us})) {
    const std::string status = row.text(0);
    const std::int64_t n = row.integer(1);
    if (status == "queued") {
      c.queued = n;
      c.due = row.integer(2);
    } else if (status == "running") {
      c.running = n;
    } else if (status == "succeeded") {
      c.succeeded = n;
    } else if (status == "dead") {
      c.dead = n;
    }
  }
  return c;
}

std::vector<std::tuple<std::string, std::string, std::int64_t>> attempts_by_worker(db::Transaction& tx) {
  std::vector<std::tuple<std::string, std::string, std::int64_t>> out;
  for (const auto& row : tx.query(attempts_by_worker_sql)) {
    out.emplace_back(row.text(0), row.text_or_null(1).value_or("running"), row.integer(2));
  }
  return out;
}

std::int64_t prune_finished(db::Transaction& tx, std::int64_t finished_before_us) {
  return tx.execute(prune_sql, {finished_before_us});
}

}  // namespace rg::jobs::store
