#pragma once
// P2P transfers between accounts of the tenant (TRX-02): immediate, or scheduled for a date and
// run on it (the next business day when it is not one); a scheduled transfer can be cancelled and
// a failed one processed again. Every execution checks the accounts, the limits and the tariff
// in the same transaction as its ledger transfers: the transfer and its tariff are one linked
// chain; when the balance covers the transfer but not the tariff, the transfer goes alone and
// the tariff is left pending in the billing center (collected later). A completed transfer can
// be charged back (estorno, TRX-04), wholly or in parts: a new transfer the other way, without
// limits or tariffs, linked to the original by reversal_of.
// Events transfer.scheduled/completed/failed/cancelled/charged_back.
#include <functional>
#include <string>
#include <vector>

#include "banking/accounts/service.hpp"
#include "banking/billing/service.hpp"
#include "banking/ledger/service.hpp"
#include "banking/transfers/model.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "platform/audit/service.hpp"
#include "platform/events/service.hpp"

namespace rg::jobs {
class JobQueue;
}

namespace rg::transfers {

inline constexpr const char* run_scheduled_job_kind = "transfers.run_scheduled";

// Wired to the limits and plans modules in main.cpp; by default nothing is limited or charged.
// A refusal names why (Error::detail) and becomes the transfer's failure reason.
using LimitCheck = std::function<rg::Status(db::Transaction&, const accounts::Account& from, std::int64_t amount,
                                            std::int64_t now_us)>;
using Tariff = billing::TariffDue;
using TariffQuote =
    std::function<Tariff(db::Transaction&, const accounts::Account& from, std::int64_t amount, std::int64_t now_us)>;

void register_transfer_events(events::EventCatalog& catalog);

class TransferService {
 public:
  TransferService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                  events::EventLog& events, accounts::AccountService& accounts, ledger::LedgerService& ledger,
                  billing::BillingService& billing);

  void set_limit_check(LimitCheck f) { limits_ = std::move(f); }
  void set_tariff_quote(TariffQuote f) { tariffs_ = std::move(f); }
  void register_jobs(jobs::JobQueue& jobs);

  // 201 semantics: the new transfer (completed, failed or scheduled); `replayed` is set when the
  // client id named an existing transfer with the same fields.
  Result<P2PTransfer> create(const audit::Entry& who, const TransferInput& input, bool* replayed = nullptr);
  Result<P2PTransfer> cancel(const audit::Entry& who, Id id);
  Result<P2PTransfer> process(const audit::Entry& who, Id id);
  // A chargeback of `amount` (empty: all that was not reversed yet) of a completed transfer: 201
  // semantics, completed or failed (the payee's balance); 409 when the transfer is not a
  // completed P2P transfer or nothing is left to reverse, 400 naming `amount` above what is left.
  Result<P2PTransfer> charge_back(const audit::Entry& who, Id id, std::optional<std::int64_t> amount,
                                  const std::string& reason);
  Result<P2PTransfer> get(Id tenant_id, Id id);
  std::vector<P2PTransfer> list(Id tenant_id, const ListFilter& filter);
  // Runs the scheduled transfers due on or before today (São Paulo); returns how many ran.
  int run_due();

 private:
  // Executes `t` now in `tx`: completed or failed, saved, published.
  void execute(db::Transaction& tx, const audit::Entry& who, P2PTransfer& t);
  // The ledger part of execute(): moves the money (and the tariff) or says why not.
  void move(db::Transaction& tx, const audit::Entry& who, P2PTransfer& t, std::int64_t now);

  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  audit::AuditLog& audit_;
  events::EventLog& events_;
  accounts::AccountService& accounts_;
  ledger::LedgerService& ledger_;
  billing::BillingService& billing_;
  LimitCheck limits_;
  TariffQuote tariffs_;
};

std::string transfer_json(const P2PTransfer& t);

}  // namespace rg::transfers
