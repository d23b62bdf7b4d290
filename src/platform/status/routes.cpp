#include "platform/status/routes.hpp"

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "core/log.hpp"
#include "http/problem.hpp"

namespace rg::status {

namespace {

struct Readiness {
  bool database = false;
  db::MigrationStatus migrations;
  std::string problem;
  bool ready() const { return database && migrations.current(); }
};

Readiness check_readiness(StatusContext& c) {
  Readiness r;
  try {
    c.db.ping();
    r.database = true;
    auto status = c.migrator.status();
    if (status) {
      r.migrations = *status;
      if (!r.migrations.current()) r.problem = "migrations pending";
    } else {
      r.problem = status.error().detail;
    }
  } catch (const std::exception& e) {
    r.problem = e.what();
  }
  return r;
}

http::Response readyz(StatusContext& c, http::Request& request) {
  const Readiness r = check_readiness(c);
  if (r.ready()) return http::Response::text(200, "ready\n");
  log::warn("readyz.not_ready", {{"reason", r.problem}});
  return http::problem(Error::unavailable("Not ready: " + r.problem), request.path, request.request_id);
}

http::Response summary(StatusContext& c) {
  const Readiness r = check_readiness(c);
  boost::json::object body;
  body["product"] = "Retaguarda";
  body["version"] = c.version;
  body["ready"] = r.ready();
  body["database"] = {{"kind", db::kind_name(c.db.kind())}, {"ready", r.database}};
  body["migrations"] = {{"applied", r.migrations.applied}, {"expected", r.migrations.expected}};
  boost::json::object jobs{{"queued", 0}, {"running", 0}, {"dead", 0}};
  if (r.database) {
    try {
      const auto counts = c.jobs.counts();
      jobs = {{"queued", counts.queued}, {"running", counts.running}, {"dead", counts.dead}};
    } catch (const std::exception& e) {
      log::warn("status.job_counts_failed", {{"error", e.what()}});
    }
  }
  body["jobs"] = std::move(jobs);
  const std::int64_t now = c.clock.now_us();
  body["started_at"] = format_iso8601_utc(c.started_at_us);
  body["uptime_s"] = (now - c.started_at_us) / 1'000'000;
  body["server_time"] = format_iso8601_utc(now);
  return http::Response::json(200, boost::json::serialize(body));
}

}  // namespace

void register_routes(http::Router& router, StatusContext& context) {
  auto* c = &context;
  router.add("GET", "/healthz", http::permission_public, "Liveness: the process is up",
             [](http::Request&) { return http::Response::text(200, "ok\n"); });
  router.add("GET", "/readyz", http::permission_public, "Readiness: database reachable and migrations current",
             [c](http::Request& request) { return readyz(*c, request); });
  router.add("GET", "/metrics", http::permission_public, "Prometheus metrics", [c](http::Request&) {
    return http::Response::text(200, c->metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  router.add("GET", "/api/v1/status", http::permission_public, "Version, database kind and readiness",
             [c](http::Request&) { return summary(*c); });
}

void register_gauges(StatusContext& context) {
  auto* c = &context;
  c->metrics.add_gauge("rg_db_pool_connections", "Database pool connections by state.", [c] {
    const auto s = c->db.pool_stats();
    return std::vector<std::pair<std::string, double>>{{"state=\"open\"", s.size},
                                                       {"state=\"in_use\"", s.in_use},
                                                       {"state=\"capacity\"", s.capacity}};
  });
  c->metrics.add_gauge("rg_db_pool_waits", "Acquisitions that waited for a free connection (total).", [c] {
    return std::vector<std::pair<std::string, double>>{{"", static_cast<double>(c->db.pool_stats().waited_total)}};
  });
  c->metrics.add_gauge("rg_jobs", "Background jobs by state.", [c] {
    const auto q = c->jobs.counts();
    return std::vector<std::pair<std::string, double>>{{"state=\"queued\"", static_cast<double>(q.queued)},
                                                       {"state=\"due\"", static_cast<double>(q.due)},
                                                       {"state=\"running\"", static_cast<double>(q.running)},
                                                       {"state=\"dead\"", static_cast<double>(q.dead)}};
  });
}

}  // namespace rg::status
