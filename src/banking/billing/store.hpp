#pragma once
// SQL for tariff_charges (portable, $1..$n).
#include <optional>
#include <string>
#include <vector>

#include "banking/billing/model.hpp"
#include "db/database.hpp"

namespace rg::billing::store {

void insert(db::Transaction& tx, const Charge& c);
// status, ledger transfer, attempts, collection and waiver fields.
void update(db::Transaction& tx, const Charge& c);
std::optional<Charge> find(db::Transaction& tx, Id tenant_id, Id id, bool lock = false);
std::optional<Charge> find_by_source(db::Transaction& tx, Id tenant_id, Id account_id, const std::string& source_type,
                                     const std::string& source_id);
std::vector<Charge> list(db::Transaction& tx, Id tenant_id, const ListFilter& f);
// Pending charges of every tenant after `after_id`, oldest first, locked (the collection job).
std::vector<Charge> pending(db::Transaction& tx, Id after_id, int limit);

// Collected charges in [from_us, to_us) grouped; rows ordered by amount, largest first.
std::vector<RevenueRow> revenue(db::Transaction& tx, Id tenant_id, RevenueGroup group, std::optional<std::int64_t> from_us,
                                std::optional<std::int64_t> to_us);
Totals collected(db::Transaction& tx, Id tenant_id, std::optional<std::int64_t> from_us,
                 std::optional<std::int64_t> to_us);
Totals pending_totals(db::Transaction& tx, Id tenant_id);

// Main active accounts of every tenant with a plan, after (tenant_id, id), with no monthly-fee
// charge for `month` yet ("YYYY-MM"): the monthly-fee job's worklist.
struct FeeCandidate {
  Id tenant_id = 0;
  Id account_id = 0;
  Id plan_id = 0;
};
std::vector<FeeCandidate> monthly_fee_candidates(db::Transaction& tx, const std::string& month, Id after_tenant,
                                                 Id after_account, int limit);

}  // namespace rg::billing::store
