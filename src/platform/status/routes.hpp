#pragma once
// Health, readiness, metrics and the status summary shown by the console's status page.
#include <cstdint>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "platform/jobs/service.hpp"

namespace rg::status {

struct StatusContext {
  db::Database& db;
  db::Migrator& migrator;
  jobs::JobQueue& jobs;
  http::Metrics& metrics;
  const Clock& clock;
  std::int64_t started_at_us;
  const char* version;
};

void register_routes(http::Router& router, StatusContext& context);
// Gauges for the database pool and the job queue on /metrics.
void register_gauges(StatusContext& context);

}  // namespace rg::status
