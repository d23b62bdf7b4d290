#pragma once
// Digital accounts (ACC-05…08, ACC-10, ACC-12, ACC-16): open a customer's account and its
// sub-accounts, the status lifecycle (active → suspended ↔ active; cancelled is final and needs
// a zero balance), the residual move to another account of the same holder, redeeming a
// sub-account into its main account, plan and night-start settings, syncing alias and status to
// integrations, test deposits, the authoritative balance and resync. Every change is audited and
// published as an event in the same transaction; every balance change is a ledger transfer.
#include <boost/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "banking/accounts/model.hpp"
#include "banking/ledger/service.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "platform/audit/service.hpp"
#include "platform/events/service.hpp"

namespace rg::accounts {

// Who holds an account: the customers module answers (wired in main.cpp).
struct Holder {
  std::string name;
  std::string document;
};
using HolderLookup = std::function<std::optional<Holder>(db::Transaction&, Id tenant_id, Id customer_id)>;
// A plan's terms the ledger needs (wired to the plans module); nothing when there is no such plan.
struct PlanTerms {
  std::string name;
  std::int64_t overdraft_limit = 0;
};
using PlanLookup = std::function<std::optional<PlanTerms>(db::Transaction&, Id tenant_id, Id plan_id)>;
using DefaultPlan = std::function<std::optional<Id>(db::Transaction&, Id tenant_id)>;

struct OpenInput {
  Id customer_id = 0;
  std::optional<Id> plan_id;  // default: the tenant's default plan, if any
  std::optional<int> night_start_minutes;
  std::string description;
};

struct ResyncReport {
  ledger::Account before;
  ledger::store::Totals computed;
  bool diverged = false;
  std::vector<ledger::Transfer> corrections;  // the correcting transfers posted
  ledger::Account after;
};

void register_account_events(events::EventCatalog& catalog);

class AccountService {
 public:
  AccountService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                 events::EventLog& events, ledger::LedgerService& ledger);

  void set_holder_lookup(HolderLookup f) { holder_ = std::move(f); }
  void set_plan_lookup(PlanLookup f, DefaultPlan d) {
    plan_ = std::move(f);
    default_plan_ = std::move(d);
  }

  Result<AccountView> open(const audit::Entry& who, const OpenInput& input);
  Result<AccountView> open_sub(const audit::Entry& who, Id parent_id, Kind kind, const std::string& description);
  Result<AccountView> view(Id tenant_id, Id id);
  std::vector<AccountView> list(Id tenant_id, const ListFilter& filter);
  std::vector<AccountView> sub_accounts(Id tenant_id, Id parent_id);

  Result<AccountView> suspend(const audit::Entry& who, Id id, const std::string& reason);
  Result<AccountView> reactivate(const audit::Entry& who, Id id, const std::string& reason);
  // Irreversible; refused (409 naming "balance") while the account or a sub-account holds money
  // or a pending transfer. Sub-accounts are cancelled with their main account.
  Result<AccountView> cancel(const audit::Entry& who, Id id, const std::string& reason);
  // ACC-07: the whole own balance to another active account of the same holder.
  Result<ledger::Transfer> move_residual(const audit::Entry& who, Id id, Id to_account_id);
  // ACC-12: a sub-account's balance (or `amount` of it) to its main account.
  Result<ledger::Transfer> redeem(const audit::Entry& who, Id sub_id, std::int64_t amount);
  Result<AccountView> set_plan(const audit::Entry& who, Id id, Id plan_id);
  Result<AccountView> set_night_start(const audit::Entry& who, Id id, int minutes);
  // ACC-10 / ACC-06: publish the bank domicile or the status again for integrations whose copy
  // drifted (the event carries the whole current value).
  Result<AccountView> sync_alias(const audit::Entry& who, Id id);
  Result<AccountView> sync_status(const audit::Entry& who, Id id);
  // A sandbox cash-in from the tenant's funding account (tests, demos, integrations' sandboxes).
  Result<ledger::Transfer> deposit(const audit::Entry& who, Id id, std::int64_t amount, const std::string& description);
  // ACC-05: recompute the totals from the transfers; repair a divergence of posted totals with
  // correcting transfers against the tenant's correction account (and pending totals in place).
  Result<ResyncReport> resync(const audit::Entry& who, Id id);

  // The tenant's own ledger account for a purpose, opened on first use.
  Id tenant_account(db::Transaction& tx, Id tenant_id, const std::string& purpose);
  // For the transfers module: the account, locked, or why it cannot move money.
  Result<Account> usable(db::Transaction& tx, Id tenant_id, Id id, bool debit);

  db::Database& database() { return db_; }
  const Clock& clock() const { return clock_; }
  ledger::LedgerService& ledger() { return ledger_; }

 private:
  Result<AccountView> change(const audit::Entry& who, Id id, const std::string& action,
                             const std::function<rg::Status(db::Transaction&, Account&)>& fn);
  AccountView view_in(db::Transaction& tx, const Account& a);
  // Applies a balancing debit out of `subject`, audits and publishes `action`; an empty account
  // is a 409 naming `empty_field`.
  Result<ledger::Transfer> move_balance(db::Transaction& tx, const audit::Entry& who, const Account& subject,
                                        const ledger::TransferInput& t, const char* action, const char* empty_field,
                                        const char* empty_message, boost::json::object extra);
  std::string client_id(const std::string& prefix);

  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  audit::AuditLog& audit_;
  events::EventLog& events_;
  ledger::LedgerService& ledger_;
  HolderLookup holder_;
  PlanLookup plan_;
  DefaultPlan default_plan_;
};

std::string account_json(const AccountView& v);

}  // namespace rg::accounts
