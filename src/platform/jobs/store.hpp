#pragma once
// SQL for the jobs tables. Each function runs inside the caller's transaction.
#include <string>
#include <tuple>
#include <vector>

#include "db/database.hpp"
#include "platform/jobs/model.hpp"

namespace rg::jobs::store {

// Inserts a job; when a live job with the same unique key exists, returns its id instead.
Id insert(db::Transaction& tx, Id id, const JobSpec& spec, int max_attempts, std::int64_t now_us);
std::vector<Job> claim(db::Transaction& tx, const std::string& worker_id, int limit, std::int64_t now_us,
                       std::int64_t lease_until_us);
// The three ends of an attempt; each only applies while `worker_id` still holds the job.
// Shortens (or extends) the lease of a job just claimed in `tx`.
void set_lease(db::Transaction& tx, const Job& job, std::int64_t lease_until_us);
bool mark_succeeded(db::Transaction& tx, const Job& job, const std::string& worker_id, std::int64_t now_us);
bool mark_retry(db::Transaction& tx, const Job& job, const std::string& worker_id, const std::string& error,
                std::int64_t run_at_us, std::int64_t now_us);
bool mark_dead(db::Transaction& tx, const Job& job, const std::string& worker_id, const std::string& error,
               std::int64_t now_us);
QueueCounts counts(db::Transaction& tx, std::int64_t now_us);
// Attempts per worker id and outcome, for `retaguarda jobs stats --workers`.
std::vector<std::tuple<std::string, std::string, std::int64_t>> attempts_by_worker(db::Transaction& tx);
std::int64_t prune_finished(db::Transaction& tx, std::int64_t finished_before_us);

}  // namespace rg::jobs::store
