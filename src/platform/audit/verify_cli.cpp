#include "platform/audit/verify_cli.hpp"

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "platform/audit/service.hpp"

namespace rg::audit {

int run_verify_audit(db::Database& db, std::ostream& out) {
  // Verification reads only; the clock and ids are never used.
  const SystemClock clock;
  IdGenerator ids(clock, 0);
  AuditLog log(clock, ids);
  // One snapshot for all tenants, so appends running meanwhile cannot look like breaks.
  const auto reports = db.transact(db::TxMode::read, [&](db::Transaction& tx) { return log.verify(tx); });
  if (reports.empty()) out << "audit trail: no entries\n";
  bool all_ok = true;
  for (const auto& r : reports) {
    out << "tenant " << r.tenant_id << ": ";
    if (r.ok) {
      out << r.entries << (r.entries == 1 ? " entry" : " entries") << ", chain intact\n";
    } else {
      all_ok = false;
      out << "BROKEN at entry " << r.first_broken_seq.value_or(0) << ": " << r.problem << "\n";
    }
  }
  return all_ok ? 0 : 1;
}

}  // namespace rg::audit
