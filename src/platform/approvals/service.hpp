#pragma once
// Maker-checker (PLT-06), a generic engine: a module registers an action with the function that
// performs it; a tenant marks actions as requiring approval; the maker's request is stored with
// its payload and a business status ("To Be Inactivated"…); a checker other than the maker picks
// it up (locking it to themself) and approves — the action runs in the same transaction, exactly
// once — or rejects it with a reason. Pending requests expire. Every step is audited.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "platform/audit/service.hpp"
#include "platform/jobs/service.hpp"

namespace rg::approvals {

struct ActionContext {
  db::Transaction& tx;
  const audit::Entry& maker;    // who asked (tenant, operator, request id of the original request)
  const audit::Entry& checker;  // who approved; equal to maker when no approval was needed
  const std::string& payload;   // JSON given at submit
};

// Performs the action; returns a JSON document describing the result (stored on the request).
using ActionRunner = std::function<Result<std::string>(const ActionContext&)>;

struct ActionSpec {
  std::string code;              // "operator.disable"
  std::string label_pt;          // "Desabilitar operador"
  std::string label_en;
  std::string pending_status;    // business status while waiting, e.g. "To Be Inactivated"
  std::string approved_status;   // business status after approval, e.g. "Inactive"
  ActionRunner run;
};

struct Policy {
  std::string action;
  std::string label_pt;
  std::string label_en;
  bool requires_approval = false;
  int expires_after_hours = 72;
};

struct ApprovalRequest {
  std::int64_t tenant_id = 0;
  Id id = 0;
  std::string action;
  std::string target_type;
  std::string target_id;
  std::string payload;
  std::string summary;
  std::string business_status;
  std::string status;  // pending | picked_up | approved | rejected | expired | failed
  Id maker_id = 0;
  std::string maker_name;
  std::optional<Id> checker_id;
  std::string checker_name;
  std::optional<std::int64_t> picked_up_at_us;
  std::optional<std::int64_t> decided_at_us;
  std::optional<std::string> reason;
  std::optional<std::string> result;
  std::int64_t expires_at_us = 0;
  std::int64_t created_at_us = 0;
};

struct Submitted {
  bool executed = false;        // no approval needed: the action ran now
  std::string result;           // when executed
  std::optional<ApprovalRequest> request;  // when waiting for a checker
};

struct RequestFilter {
  std::vector<std::string> statuses;  // any of these; empty = all
  std::optional<std::string> target_type;
  std::optional<std::string> target_id;
  std::optional<std::string> action_prefix;  // e.g. "contact_center."
  std::optional<Id> before_id;
  int limit = 50;
};

inline constexpr const char* expire_job_kind = "platform.approvals.expire";

class ApprovalEngine {
 public:
  ApprovalEngine(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                 jobs::JobQueue& jobs);

  void register_action(ActionSpec spec);
  // Called inside the transaction that stores a new request (e.g. to e-mail the checkers).
  using RequestedHook = std::function<Status(db::Transaction&, const ApprovalRequest&, const ActionSpec&)>;
  void on_requested(RequestedHook hook) { on_requested_ = std::move(hook); }
  std::vector<Policy> policies(std::int64_t tenant_id);
  Status set_policy(const audit::Entry& who, const std::string& action, bool requires_approval,
                    int expires_after_hours);

  // Runs the action now, or stores a request when the tenant requires approval for it.
  Result<Submitted> submit(const audit::Entry& maker, const std::string& action, const std::string& target_type,
                           const std::string& target_id, const std::string& payload, const std::string& summary);

  std::vector<ApprovalRequest> list(std::int64_t tenant_id, const RequestFilter& filter);
  Result<ApprovalRequest> get(std::int64_t tenant_id, Id id);
  Result<ApprovalRequest> pick_up(const audit::Entry& checker, Id id);
  Result<ApprovalRequest> approve(const audit::Entry& checker, Id id);
  Result<ApprovalRequest> reject(const audit::Entry& checker, Id id, const std::string& reason);
  // Marks overdue pending/picked-up requests expired; returns how many.
  std::int64_t expire_overdue();

 private:
  Result<ApprovalRequest> locked_for_decision(db::Transaction& tx, const audit::Entry& checker, Id id);
  void audit_step(db::Transaction& tx, const audit::Entry& who, const std::string& step, const ApprovalRequest& before,
                  const ApprovalRequest& after);

  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  audit::AuditLog& audit_;
  std::map<std::string, ActionSpec> actions_;
  RequestedHook on_requested_;
};

std::string request_json(const ApprovalRequest& r);

}  // namespace rg::approvals
