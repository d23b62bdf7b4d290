#pragma once
// Plans (ACC-03) and tariffs (TRX-06, configuration side).
//
// Plans are soft-deleted (PLT-14, record type "plan", restorable from "Registros Excluídos") and
// can be tagged (PLT-13). Exactly one live plan per tenant is the default: the first plan created
// becomes it, making another plan the default moves the flag (both changes audited), and the
// default can be neither unflagged, deactivated nor deleted — another plan must take it over.
// Deleting a plan that accounts use is refused: the accounts module answers through the
// plan_in_use hook (set from main.cpp; by default no plan is in use).
//
// A tariff belongs to one plan and one operation (unique per plan); the transfers service reads
// it and calls quote() (model.hpp). Every change is audited (before/after) and published
// (plan.*, tariff.*) in its transaction.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "banking/plans/model.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "platform/audit/service.hpp"
#include "platform/deleted/service.hpp"
#include "platform/events/service.hpp"
#include "platform/tags/service.hpp"

namespace rg::banking::plans {

using PlanInUse = std::function<bool(db::Transaction& tx, std::int64_t tenant_id, Id plan_id)>;
// How many operations of this kind the account made in [window.start_us, window.end_us) (the
// transfers service counts its own rows).
using CountIn = std::function<int(db::Transaction& tx, const limits::Window& window)>;

// What to charge for one operation: the tariff's quote and the tariff it comes from.
struct Charge {
  Id tariff_id = 0;
  TariffQuote quote;
  std::string description;  // the tariff's, else the operation's label
};

std::string plan_json(const Plan& plan);
std::string tariff_json(const Tariff& tariff);
void register_plan_events(events::EventCatalog& catalog);

class PlanService {
 public:
  PlanService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit, events::EventLog& events);

  void set_plan_in_use(PlanInUse hook) { plan_in_use_ = std::move(hook); }
  // Registers "plan" with the deleted-records and tag registries (the catalogue must hold the
  // plan.* events: register_plan_events first).
  void register_record_types(deleted::RecordTypes& deleted, tags::RecordTypes& tags, const char* read_permission);

  // Ascending ids; fetches filter.limit rows.
  std::vector<Plan> list(std::int64_t tenant_id, const PlanFilter& filter);
  Result<Plan> get(std::int64_t tenant_id, Id id);
  Result<Plan> create(const audit::Entry& who, const PlanInput& input);
  Result<Plan> update(const audit::Entry& who, Id id, const PlanInput& input);
  Status remove(const audit::Entry& who, Id id);
  // Card product IDs: adding one the plan has is not an error (false = it was there already).
  Result<bool> add_card_product(const audit::Entry& who, Id plan_id, const std::string& card_product_id);
  Status remove_card_product(const audit::Entry& who, Id plan_id, const std::string& card_product_id);

  // For the accounts module, inside its transaction: a live plan (active or not: `active` says
  // whether it is still offered) and the tenant's default plan.
  std::optional<Plan> plan_in(db::Transaction& tx, std::int64_t tenant_id, Id id);
  std::optional<Id> default_plan_in(db::Transaction& tx, std::int64_t tenant_id);

  // Tariffs of live plans; ascending ids; fetches filter.limit rows.
  std::vector<Tariff> tariffs(std::int64_t tenant_id, const TariffFilter& filter);
  Result<Tariff> tariff(std::int64_t tenant_id, Id id);
  Result<Tariff> create_tariff(const audit::Entry& who, const TariffInput& input);
  Result<Tariff> update_tariff(const audit::Entry& who, Id id, const TariffInput& input);
  Status remove_tariff(const audit::Entry& who, Id id);
  // For the transfers service, inside its own transaction: the active tariff of an operation in
  // a plan, if any.
  std::optional<Tariff> tariff_for(db::Transaction& tx, std::int64_t tenant_id, Id plan_id,
                                   const std::string& operation);
  // The charge of an operation for the transfers service, inside its transaction: the plan's
  // active tariff on `operation` quoted for `amount`, with the account's operations of this
  // month (month_window(now_us), counted by `used`) against the free quota. Nothing when the plan
  // has no active tariff there (the operation is free); `used` is only called when the tariff
  // has a free quota.
  std::optional<Charge> charge_for(db::Transaction& tx, std::int64_t tenant_id, Id plan_id,
                                   const std::string& operation, Cents amount, std::int64_t now_us,
                                   const CountIn& used);

 private:
  Status validate(db::Transaction& tx, const Plan& plan, const std::optional<Plan>& before);
  Result<Plan> save(db::Transaction& tx, const audit::Entry& who, Plan plan, const std::optional<Plan>& before);

  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  audit::AuditLog& audit_;
  events::EventLog& events_;
  PlanInUse plan_in_use_;
};

}  // namespace rg::banking::plans
