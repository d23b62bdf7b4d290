#include "platform/jobs/kinds.hpp"

#include <boost/json.hpp>

#include <thread>

#include "platform/jobs/store.hpp"

namespace rg::jobs {

namespace {

Status run_probe(const Job& job) {
  boost::system::error_code ec;
  const auto doc = boost::json::parse(job.payload, ec);
  if (ec || !doc.is_object()) return Error::invalid("payload", "probe payload must be a JSON object");
  std::int64_t sleep_ms = 0;
  if (const auto* v = doc.as_object().if_contains("sleep_ms"); v && v->is_int64()) sleep_ms = v->as_int64();
  if (sleep_ms < 0 || sleep_ms > 60'000) return Error::invalid("sleep_ms", "sleep_ms must be within 0..60000");
  if (sleep_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
  if (const auto* v = doc.as_object().if_contains("fail_attempts"); v && v->is_int64()) {
    if (job.attempt <= v->as_int64()) return Error::unavailable("probe asked to fail this attempt");
  }
  return {};
}

}  // namespace

void register_platform_kinds(JobQueue& queue, const Clock& clock) {
  queue.register_kind(probe_kind, run_probe);
  db::Database& db = queue.database();
  queue.register_periodic(prune_kind, 60LL * 60 * 1000, [&db, &clock](const Job&) -> Status {
    const std::int64_t cutoff = clock.now_us() - finished_job_retention_days * 24 * 3600 * 1'000'000LL;
    db.transact(db::TxMode::write, [&](db::Transaction& tx) { store::prune_finished(tx, cutoff); });
    return {};
  });
}

}  // namespace rg::jobs
