#include "platform/approvals/service.hpp"

#include <boost/json.hpp>

#include "core/log.hpp"
#include "db/where.hpp"

namespace rg::approvals {

namespace {

constexpr const char* request_columns =
    "tenant_id, id, action, target_type, target_id, payload, summary, business_status, status, maker_id, maker_name,"
    " checker_id, checker_name, picked_up_at_us, decided_at_us, reason, result, expires_at_us, created_at_us";

ApprovalRequest from_row(const db::Row& row) {
  ApprovalRequest r;
  r.tenant_id = row.integer(0);
  r.id = row.integer(1);
  r.action = row.text(2);
  r.target_type = row.text_or_null(3).value_or("");
  r.target_id = row.text_or_null(4).value_or("");
  r.payload = row.text(5);
  r.summary = row.text(6);
  r.business_status = row.text(7);
  r.status = row.text(8);
  r.maker_id = row.integer(9);
  r.maker_name = row.text(10);
  r.checker_id = row.integer_or_null(11);
  r.checker_name = row.text_or_null(12).value_or("");
  r.picked_up_at_us = row.integer_or_null(13);
  r.decided_at_us = row.integer_or_null(14);
  r.reason = row.text_or_null(15);
  r.result = row.text_or_null(16);
  r.expires_at_us = row.integer(17);
  r.created_at_us = row.integer(18);
  return r;
}

std::optional<ApprovalRequest> find(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock) {
  auto row = tx.query_one(std::string("SELECT ") + request_columns +
                              " FROM approval_requests WHERE tenant_id = $1 AND id = $2" + (lock ? tx.for_update() : ""),
                          {tenant_id, id});
  if (!row) return std::nullopt;
  return from_row(*row);
}

boost::json::value nullable(const std::optional<std::int64_t>& us) {
  return us ? boost::json::value(format_iso8601_utc(*us)) : nullptr;
}

}  // namespace

std::string request_json(const ApprovalRequest& r) {
  boost::json::object o{{"id", std::to_string(r.id)},
                        {"action", r.action},
                        {"target_type", r.target_type},
                        {"target_id", r.target_id},
                        {"payload", boost::json::parse(r.payload)},
                        {"summary", r.summary},
                        {"business_status", r.business_status},
                        {"status", r.status},
                        {"maker_id", std::to_string(r.maker_id)},
                        {"maker_name", r.maker_name},
                        {"checker_id", r.checker_id ? boost::json::value(std::to_string(*r.checker_id)) : nullptr},
                        {"checker_name", r.checker_id ? boost::json::value(r.checker_name) : nullptr},
                        {"picked_up_at", nullable(r.picked_up_at_us)},
                        {"decided_at", nullable(r.decided_at_us)},
                        {"reason", r.reason ? boost::json::value(*r.reason) : nullptr},
                        {"result", r.result ? boost::json::parse(*r.result) : nullptr},
                        {"expires_at", format_iso8601_utc(r.expires_at_us)},
                        {"created_at", format_iso8601_utc(r.created_at_us)}};
  return boost::json::serialize(o);
}

ApprovalEngine::ApprovalEngine(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                               jobs::JobQueue& jobs)
    : db_(db), clock_(clock), ids_(ids), audit_(audit) {
  jobs.register_periodic(expire_job_kind, 5 * 60 * 1000, [this](const jobs::Job&) -> Status {
    expire_overdue();
    return {};
  });
}

void ApprovalEngine::register_action(ActionSpec spec) {
  const std::string code = spec.code;
  actions_[code] = std::move(spec);
}

std::vector<Policy> ApprovalEngine::policies(std::int64_t tenant_id) {
  std::map<std::string, std::pair<bool, int>> stored;
  db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    for (const auto& row : tx.query("SELECT action, requires_approval, expires_after_hours FROM approval_policies"
                                    " WHERE tenant_id = $1",
                                    {tenant_id})) {
      stored[row.text(0)] = {row.integer(1) != 0, static_cast<int>(row.integer(2))};
    }
  });
  std::vector<Policy> out;
  for (const auto& [code, spec] : actions_) {
    Policy p{code, spec.label_pt, spec.label_en, false, 72};
    if (auto it = stored.find(code); it != stored.end()) {
      p.requires_approval = it->second.first;
      p.expires_after_hours = it->second.second;
    }
    out.push_back(p);
  }
  return out;
}

Status ApprovalEngine::set_policy(const audit::Entry& who, const std::string& action, bool requires_approval,
                                  int expires_after_hours) {
  if (!actions_.count(action)) return Error::invalid("action", "Unknown action '" + action + "'.");
  if (expires_after_hours < 1 || expires_after_hours > 24 * 30) {
    return Error::invalid("expires_after_hours", "Must be from 1 to 720 hours.");
  }
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    tx.execute("INSERT INTO approval_policies (tenant_id, action, requires_approval, expires_after_hours, updated_by,"
               " updated_at_us) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, action) DO UPDATE SET"
               " requires_approval = excluded.requires_approval, expires_after_hours = excluded.expires_after_hours,"
               " updated_by = excluded.updated_by, updated_at_us = excluded.updated_at_us",
               {who.tenant_id, action, requires_approval, expires_after_hours, who.actor_id, clock_.now_us()});
    audit_.record(tx, who, "approval_policy.updated", "approval_policy", action, "",
                  "{\"requires_approval\":" + std::string(requires_approval ? "true" : "false") +
                      ",\"expires_after_hours\":" + std::to_string(expires_after_hours) + "}");
    return {};
  });
}

Result<Submitted> ApprovalEngine::submit(const audit::Entry& maker, const std::string& action,
                                         const std::string& target_type, const std::string& target_id,
                                         const std::string& payload, const std::string& summary) {
  const auto it = actions_.find(action);
  if (it == actions_.end()) return Error::internal("unregistered approval action " + action);
  const ActionSpec& spec = it->second;
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Submitted> {
    auto policy = tx.query_one("SELECT requires_approval, expires_after_hours FROM approval_policies"
                               " WHERE tenant_id = $1 AND action = $2",
                               {maker.tenant_id, action});
    if (!policy || policy->integer(0) == 0) {
      auto result = spec.run(ActionContext{tx, maker, maker, payload});
      if (!result) return result.error();
      return Submitted{true, *result, std::nullopt};
    }
    // One open request per action and target: a second would only confuse the checkers.
    if (tx.query_one("SELECT 1 FROM approval_requests WHERE tenant_id = $1 AND action = $2 AND target_id = $3"
                     " AND status IN ('pending', 'picked_up')",
                     {maker.tenant_id, action, target_id})) {
      return Error::conflict("A request for this change is already waiting for approval.");
    }
    const std::int64_t now = clock_.now_us();
    const Id id = ids_.next();
    tx.execute("INSERT INTO approval_requests (tenant_id, id, action, target_type, target_id, payload, summary,"
               " business_status, status, maker_id, maker_name, maker_request_id, expires_at_us, created_at_us,"
               " updated_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10, $11, $12, $13, $13)",
               {maker.tenant_id, id, action, target_type, target_id, payload, summary, spec.pending_status,
                maker.actor_id.value_or(0), maker.actor_name, maker.request_id,
                now + policy->integer(1) * 3600 * 1'000'000, now});
    auto created = find(tx, maker.tenant_id, id, false);
    if (on_requested_) {
      if (auto notified = on_requested_(tx, *created, spec); !notified) return notified.error();
    }
    audit_.record(tx, maker, "approval.requested", "approval_request", std::to_string(id), "", request_json(*created));
    return Submitted{false, "", *created};
  });
}

std::vector<ApprovalRequest> ApprovalEngine::list(std::int64_t tenant_id, const RequestFilter& f) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    db::Where where(std::string("SELECT ") + request_columns + " FROM approval_requests WHERE tenant_id = $1",
                    {tenant_id});
    where.in("status", f.statuses).equal("target_type", f.target_type).equal("target_id", f.target_id);
    if (f.action_prefix) where.compare("action", "LIKE", *f.action_prefix + "%");
    where.before("id", f.before_id).order_by("id DESC", f.limit);
    std::vector<ApprovalRequest> out;
    for (const auto& row : where.query(tx)) out.push_back(from_row(row));
    return out;
  });
}

Result<ApprovalRequest> ApprovalEngine::get(std::int64_t tenant_id, Id id) {
  auto r = db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return find(tx, tenant_id, id, false); });
  if (!r) return Error::not_found("Approval request not found.");
  return *r;
}

void ApprovalEngine::audit_step(db::Transaction& tx, const audit::Entry& who, const std::string& step,
                                const ApprovalRequest& before, const ApprovalRequest& after) {
  audit_.record(tx, who, "approval." + step, "approval_request", std::to_string(after.id), request_json(before), request_json(after));
}

Result<ApprovalRequest> ApprovalEngine::pick_up(const audit::Entry& checker, Id id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<ApprovalRequest> {
    auto before = find(tx, checker.tenant_id, id, true);
    if (!before) return Error::not_found("Approval request not found.");
    if (before->maker_id == checker.actor_id.value_or(-1)) {
      return Error::forbidden("You made this request; another operator must check it.");
    }
    if (before->status != "pending") {
      return Error::conflict(before->status == "picked_up" ? "Another checker already picked this request up."
                                                           : "This request is no longer pending.");
    }
    const std::int64_t now = clock_.now_us();
    if (before->expires_at_us <= now) return Error::conflict("This request expired.");
    // The status condition makes two simultaneous pick-ups safe on both databases: one wins.
    const auto changed = tx.execute(
        "UPDATE approval_requests SET status = 'picked_up', checker_id = $3, checker_name = $4, picked_up_at_us = $5,"
        " updated_at_us = $5 WHERE tenant_id = $1 AND id = $2 AND status = 'pending'",
        {checker.tenant_id, id, checker.actor_id.value_or(0), checker.actor_name, now});
    if (changed != 1) return Error::conflict("Another checker already picked this request up.");
    auto after = find(tx, checker.tenant_id, id, false);
    audit_step(tx, checker, "picked_up", *before, *after);
    return *after;
  });
}

Result<ApprovalRequest> ApprovalEngine::locked_for_decision(db::Transaction& tx, const audit::Entry& checker, Id id) {
  auto r = find(tx, checker.tenant_id, id, true);
  if (!r) return Error::not_found("Approval request not found.");
  if (r->maker_id == checker.actor_id.value_or(-1)) {
    return Error::forbidden("You made this request; another operator must check it.");
  }
  if (r->status != "picked_up") {
    return Error::conflict(r->status == "pending" ? "Pick the request up first." : "This request was already decided.");
  }
  if (r->checker_id != checker.actor_id) return Error::forbidden("Another checker picked this request up.");
  if (r->expires_at_us <= clock_.now_us()) return Error::conflict("This request expired.");
  return *r;
}

Result<ApprovalRequest> ApprovalEngine::approve(const audit::Entry& checker, Id id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<ApprovalRequest> {
    auto before = locked_for_decision(tx, checker, id);
    if (!before) return before.error();
    const auto it = actions_.find(before->action);
    if (it == actions_.end()) return Error::conflict("This action is no longer available.");
    audit::Entry maker = checker;
    maker.actor_id = before->maker_id;
    maker.actor_name = before->maker_name;
    maker.actor_type = "operator";
    auto result = it->second.run(ActionContext{tx, maker, checker, before->payload});
    if (!result) return result.error();  // rolls back: the request stays picked up
    const std::int64_t now = clock_.now_us();
    tx.execute("UPDATE approval_requests SET status = 'approved', business_status = $3, decided_at_us = $4,"
               " result = $5, updated_at_us = $4 WHERE tenant_id = $1 AND id = $2 AND status = 'picked_up'",
               {checker.tenant_id, id, it->second.approved_status, now,
                result->empty() ? db::Value() : db::Value(*result)});
    auto after = find(tx, checker.tenant_id, id, false);
    audit_step(tx, checker, "approved", *before, *after);
    return *after;
  });
}

Result<ApprovalRequest> ApprovalEngine::reject(const audit::Entry& checker, Id id, const std::string& reason) {
  if (reason.empty()) return Error::invalid("reason", "Say why the request is rejected.");
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<ApprovalRequest> {
    auto before = locked_for_decision(tx, checker, id);
    if (!before) return before.error();
    const std::int64_t now = clock_.now_us();
    tx.execute("UPDATE approval_requests SET status = 'rejected', business_status = 'Rejected', reason = $3,"
               " decided_at_us = $4, updated_at_us = $4 WHERE tenant_id = $1 AND id = $2",
               {checker.tenant_id, id, reason, now});
    auto after = find(tx, checker.tenant_id, id, false);
    audit_step(tx, checker, "rejected", *before, *after);
    return *after;
  });
}

std::int64_t ApprovalEngine::expire_overdue() {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    const std::int64_t now = clock_.now_us();
    std::int64_t n = 0;
    for (const auto& row : tx.query(std::string("SELECT ") + request_columns +
                                    " FROM approval_requests WHERE status IN ('pending', 'picked_up')"
                                    " AND expires_at_us <= $1",
                                    {now})) {
      const ApprovalRequest before = from_row(row);
      tx.execute("UPDATE approval_requests SET status = 'expired', business_status = 'Expired', updated_at_us = $3"
                 " WHERE tenant_id = $1 AND id = $2",
                 {before.tenant_id, before.id, now});
      ApprovalRequest after = before;
      after.status = "expired";
      after.business_status = "Expired";
      audit::Entry system;
      system.tenant_id = before.tenant_id;
      system.actor_name = "approvals expiry";
      audit_step(tx, system, "expired", before, after);
      ++n;
    }
    return n;
  });
}

}  // namespace rg::approvals
