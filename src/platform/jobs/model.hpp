#pragma once
// Durable background jobs (PLT-15): plain types, no I/O.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "db/database.hpp"

namespace rg::jobs {

inline constexpr std::int64_t platform_tenant = 0;

struct JobSpec {
  std::string kind;
  std::string payload = "{}";  // JSON document
  std::int64_t tenant_id = platform_tenant;
  std::int64_t run_at_us = 0;  // 0 → now
  int max_attempts = 0;        // 0 → the kind's default
  std::optional<std::string> unique_key;  // at most one queued/running job per key and tenant
};

struct Job {
  std::int64_t tenant_id = 0;
  Id id = 0;
  std::string kind;
  std::string payload;
  int attempt = 0;  // 1 for the first run
  int max_attempts = 0;
};

struct QueueCounts {
  std::int64_t queued = 0;  // includes those scheduled for later
  std::int64_t due = 0;     // queued and due now
  std::int64_t running = 0;
  std::int64_t succeeded = 0;
  std::int64_t dead = 0;
};

// A handler returns an error to have the job retried with backoff, or dead after the last attempt.
using JobHandler = std::function<Status(const Job&)>;

// Runs inside the transaction that marks a job dead, whatever the cause (the handler's last
// error, or a worker that died during the last attempt), so the owner can settle its records.
using DeadJobHook = std::function<void(db::Transaction&, const Job&, const std::string& error)>;

struct JobKind {
  std::string name;
  JobHandler handler;
  DeadJobHook on_dead;
  int max_attempts = 0;
  std::int64_t period_ms = 0;  // > 0: periodic; the next run is scheduled when one finishes
  // > 0: how long a claimed job of this kind stays locked to its worker before another may take
  // it over (limits::job_lease_ms_default otherwise). Short for kinds whose runs are bounded by
  // a timeout, so that a crashed worker's job is retried soon.
  std::int64_t lease_ms = 0;
};

// Delay before retry number `attempt` (1-based): base·2^(attempt−1), capped, ±25 % jitter.
std::int64_t retry_delay_ms(int attempt, double jitter_unit);

}  // namespace rg::jobs
