#pragma once
// Limits (TRX-05) and cash-out levels (ACC-14).
//
// A limit rule is (transaction type × scope) with four values (model.hpp): the scope is the
// tenant's base or one account, whose override wins field by field (an unset override value
// inherits the base's). The cash_out type also takes the account's cash-out level into account:
// each value is the lower of the level's and the rules'. Every change is audited with before and
// after and published as an event (limit.*, cash_out_level.*) in the same transaction.
//
// Accounts belong to the accounts module: this service takes an account id and asks the
// account_check hook (set from main.cpp; by default every id is accepted) whether it exists in
// the tenant, inside the same transaction.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "banking/limits/model.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "platform/audit/service.hpp"
#include "platform/events/service.hpp"

namespace rg::banking::limits {

// The total the account already moved with this transaction type in [window.start_us,
// window.end_us): the transfers service sums its own rows (check_transfer asks for the calendar
// day and, at night, for the night).
using SpentOver = std::function<Cents(db::Transaction& tx, const Window& window)>;

// not_found (or another error) when the account does not exist in the tenant.
using AccountCheck = std::function<Status(db::Transaction& tx, std::int64_t tenant_id, Id account_id)>;

// An account's limits: the effective values of every transaction type, the overrides it has and
// its cash-out level.
struct AccountLimits {
  Id account_id = 0;
  std::vector<EffectiveLimits> effective;  // catalogue order
  std::vector<LimitRule> overrides;
  std::optional<CashOutLevel> cash_out_level;
};

struct PutResult {
  LimitRule rule;
  bool created = false;
};

void register_limit_events(events::EventCatalog& catalog);
std::string limit_rule_json(const LimitRule& rule);
std::string cash_out_level_json(const CashOutLevel& level);
std::string values_json(const LimitValues& values);  // the four values as a JSON object
std::string effective_json(const EffectiveLimits& limits);

inline constexpr Cents limit_value_max = 10'000'000'000'000;  // R$ 100 bilhões

class LimitService {
 public:
  LimitService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
               events::EventLog& events);

  void set_account_check(AccountCheck check) { account_check_ = std::move(check); }
  // not_found when the account is not the tenant's (routes answer it before judging a body).
  Status account_exists(std::int64_t tenant_id, Id account_id);

  // The rules of a scope (base_scope = the base), in catalogue order.
  std::vector<LimitRule> rules(std::int64_t tenant_id, Id account_id);
  // Creates or replaces the rule of (scope, type): all four values are given (null = no limit,
  // or inherit the base in an override).
  Result<PutResult> put(const audit::Entry& who, Id account_id, const std::string& transaction_type,
                        const LimitValues& values);
  Status remove(const audit::Entry& who, Id account_id, const std::string& transaction_type);

  Result<AccountLimits> account_limits(std::int64_t tenant_id, Id account_id);
  // For the transfers service, inside its own transaction.
  EffectiveLimits effective_in(db::Transaction& tx, std::int64_t tenant_id, Id account_id,
                               const std::string& transaction_type);

  // The whole check for the transfers service, inside its transaction: the effective limits of
  // (account, type), the windows of `now_us` with the account's night start, the spent totals
  // from `spent`, and check(). A refusal is ErrorCode::limit_exceeded (422) whose detail names
  // the value, the limit and what still fits, and whose field error is that value with code
  // "limit_exceeded".
  Status check_transfer(db::Transaction& tx, std::int64_t tenant_id, Id account_id, const std::string& transaction_type,
                        Cents amount, std::int64_t now_us, std::chrono::minutes night_start, const SpentOver& spent);

  std::vector<CashOutLevel> levels(std::int64_t tenant_id);
  Result<CashOutLevel> level(std::int64_t tenant_id, Id id);
  Result<CashOutLevel> create_level(const audit::Entry& who, const CashOutLevelInput& input);
  Result<CashOutLevel> update_level(const audit::Entry& who, Id id, const CashOutLevelInput& input);
  // Refused (409) while accounts are assigned to the level.
  Status remove_level(const audit::Entry& who, Id id);
  // Assigns a level to an account, or removes its level when level_id is empty.
  Result<std::optional<CashOutLevel>> assign_level(const audit::Entry& who, Id account_id, std::optional<Id> level_id);

 private:
  Status check_account(db::Transaction& tx, std::int64_t tenant_id, Id account_id);

  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  audit::AuditLog& audit_;
  events::EventLog& events_;
  AccountCheck account_check_;
};

// Checks the four values (0..limit_value_max; per transaction ≤ per day within each period),
// naming each bad field.
std::vector<FieldError> validate_values(const LimitValues& values);

}  // namespace rg::banking::limits
