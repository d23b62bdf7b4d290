#pragma once
// Tariff charges (TRX-06): the revenue center and the billing center. A tariff due for an
// operation or a month becomes a charge; it is collected by a ledger transfer from the account to
// the tenant's revenue account — in the operation's own chain when the balance allows, else
// later by the collection job (every minute) or an operator's "collect now" — or waived with a
// reason. The monthly-fee job charges each active main account its plan's monthly fee once per
// São Paulo month. Events tariff_charge.pending/collected/waived.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "banking/accounts/service.hpp"
#include "banking/billing/model.hpp"
#include "banking/ledger/service.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "platform/audit/service.hpp"
#include "platform/events/service.hpp"

namespace rg::jobs {
class JobQueue;
}

namespace rg::billing {

inline constexpr const char* collect_job_kind = "billing.collect_pending";
inline constexpr const char* monthly_fee_job_kind = "billing.charge_monthly_fees";

// Wired to the plans module in main.cpp: the monthly fee a plan charges now (amount 0: none),
// and a plan's name for the revenue center.
using MonthlyFee = std::function<TariffDue(db::Transaction&, Id tenant_id, Id plan_id, std::int64_t now_us)>;
using PlanName = std::function<std::optional<std::string>(db::Transaction&, Id tenant_id, Id plan_id)>;

void register_billing_events(events::EventCatalog& catalog);
std::string charge_json(const Charge& c);

class BillingService {
 public:
  BillingService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                 events::EventLog& events, accounts::AccountService& accounts, ledger::LedgerService& ledger);

  void set_monthly_fee(MonthlyFee f) { monthly_fee_ = std::move(f); }
  void set_plan_name(PlanName f) { plan_name_ = std::move(f); }
  void register_jobs(jobs::JobQueue& jobs);

  // The ledger transfer that collects `due` from `account_id` (for an operation's own chain).
  ledger::TransferInput collection(db::Transaction& tx, Id tenant_id, Id account_id, const TariffDue& due,
                                   const std::string& client_id);
  // Records the charge of `due` for a source: collected by `collected_by` (a ledger transfer the
  // caller applied), or pending. In the caller's transaction.
  Charge record(db::Transaction& tx, const audit::Entry& who, Id account_id, const TariffDue& due,
                const std::string& source_type, const std::string& source_id, std::optional<Id> collected_by);

  Result<Charge> get(Id tenant_id, Id id);
  std::vector<Charge> list(Id tenant_id, const ListFilter& filter);
  Revenue revenue(Id tenant_id, RevenueGroup group, std::optional<std::int64_t> from_us,
                  std::optional<std::int64_t> to_us);
  // "Collect now": 409 naming `balance` when the account cannot pay it yet; 409 unless pending.
  Result<Charge> collect(const audit::Entry& who, Id id);
  Result<Charge> waive(const audit::Entry& who, Id id, const std::string& reason);

  // The jobs: tries every pending charge once (returns how many were collected); charges the
  // month's fees not charged yet (returns how many charges were made).
  int collect_pending();
  int charge_monthly_fees();

 private:
  // One attempt: a ledger transfer account → revenue; the charge updated either way.
  bool try_collect(db::Transaction& tx, const audit::Entry& who, Charge& c);

  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  audit::AuditLog& audit_;
  events::EventLog& events_;
  accounts::AccountService& accounts_;
  ledger::LedgerService& ledger_;
  MonthlyFee monthly_fee_;
  PlanName plan_name_;
};

}  // namespace rg::billing
