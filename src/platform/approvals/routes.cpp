#include "platform/approvals/routes.hpp"

#include <boost/json.hpp>

#include "http/json.hpp"

namespace rg::approvals {

namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

Result<Id> path_id(const Request& req) {
  auto id = parse_id(req.param("id"));
  if (!id) return Error::not_found("Approval request not found.");
  return *id;
}

Response render(const Request& req, const Result<ApprovalRequest>& r) {
  if (!r) return http::problem_for(req, r.error());
  return http::json(json::parse(request_json(*r)));
}

}  // namespace

Response submitted_response(const Request& req, const Result<Submitted>& submitted) {
  if (!submitted) return http::problem_for(req, submitted.error());
  if (submitted->executed) {
    if (submitted->result.empty()) {
      Response r;
      r.status = 204;
      return r;
    }
    return Response::json(200, submitted->result);
  }
  json::object body{{"approval_required", true}, {"request", json::parse(request_json(*submitted->request))}};
  return http::json(body, 202);
}

void register_approval_routes(http::Router& router, ApprovalEngine& engine, RoutePermissions p) {
  router.add("GET", "/api/v1/approvals", p.read, "Requests sent for approval", [&](Request& req) {
    http::QueryReader q(req);
    RequestFilter f;
    const auto page = q.page();
    f.limit = page.size + 1;
    f.before_id = page.cursor;
    if (auto s = q.text("status")) {
      // One status or several, comma-separated: "pending,picked_up".
      static const std::vector<std::string> known{"pending", "picked_up", "approved", "rejected", "expired", "failed"};
      std::string_view rest = *s;
      while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string one(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        if (std::find(known.begin(), known.end(), one) == known.end()) {
          q.fail("status", "Unknown status '" + one + "'.");
          break;
        }
        f.statuses.push_back(one);
      }
    }
    f.target_type = q.text("target_type");
    f.target_id = q.text("target_id");
    f.action_prefix = q.text("action");
    if (auto error = q.error()) return http::problem_for(req, *error);
    return http::json_page(engine.list(req.principal->tenant_id, f), page.size, request_json,
                           [](const ApprovalRequest& r) { return r.id; });
  });
  router.add("GET", "/api/v1/approvals/{id}", p.read, "One approval request", [&](Request& req) {
    auto id = path_id(req);
    if (!id) return http::problem_for(req, id.error());
    return render(req, engine.get(req.principal->tenant_id, *id));
  });
  router.add("POST", "/api/v1/approvals/{id}/pick-up", p.check, "Pick a request up (lock it to oneself)",
             [&](Request& req) {
               auto id = path_id(req);
               if (!id) return http::problem_for(req, id.error());
               return render(req, engine.pick_up(audit::entry_for(req, ""), *id));
             });
  router.add("POST", "/api/v1/approvals/{id}/approve", p.check, "Approve: the action runs now", [&](Request& req) {
    auto id = path_id(req);
    if (!id) return http::problem_for(req, id.error());
    return render(req, engine.approve(audit::entry_for(req, ""), *id));
  });
  router.add("POST", "/api/v1/approvals/{id}/reject", p.check, "Reject with a reason", [&](Request& req) {
    auto id = path_id(req);
    if (!id) return http::problem_for(req, id.error());
    auto body = http::parse_object(req);
    if (!body) return http::problem_for(req, body.error());
    http::FieldReader in(*body);
    auto reason = in.text("reason", {.required = true, .min_length = 3, .max_length = 500});
    if (auto error = in.error()) return http::problem_for(req, *error);
    return render(req, engine.reject(audit::entry_for(req, ""), *id, *reason));
  });
  router.add("GET", "/api/v1/approval-policies", p.read, "Which actions require approval", [&](Request& req) {
    json::array items;
    for (const auto& policy : engine.policies(req.principal->tenant_id)) {
      items.push_back(json::object{{"action", policy.action},
                                   {"label_pt", policy.label_pt},
                                   {"label_en", policy.label_en},
                                   {"requires_approval", policy.requires_approval},
                                   {"expires_after_hours", policy.expires_after_hours}});
    }
    return http::json(json::object{{"items", std::move(items)}});
  });
  router.add("PUT", "/api/v1/approval-policies/{action}", p.configure, "Require approval for an action, or not",
             [&](Request& req) {
               auto body = http::parse_object(req);
               if (!body) return http::problem_for(req, body.error());
               http::FieldReader in(*body);
               auto requires_approval = in.boolean("requires_approval", true);
               auto hours = in.integer("expires_after_hours", {.min = 1, .max = 720});
               if (auto error = in.error()) return http::problem_for(req, *error);
               auto s = engine.set_policy(audit::entry_for(req, ""), std::string(req.param("action")),
                                          *requires_approval, static_cast<int>(hours.value_or(72)));
               if (!s) return http::problem_for(req, s.error());
               Response r;
               r.status = 204;
               return r;
             });
}

exports::ListExport approvals_export() {
  using exports::ColumnType;
  return {"/api/v1/approvals", "approvals", "Solicitações de aprovação", "Approval requests",
          {{"id", "ID", "ID", ColumnType::text, 20},
           {"created_at", "Criada em", "Created at", ColumnType::datetime},
           {"summary", "Resumo", "Summary", ColumnType::text, 40},
           {"action", "Ação", "Action", ColumnType::text, 22},
           {"business_status", "Situação do registro", "Business status", ColumnType::text, 20},
           {"status", "Status", "Status", ColumnType::text, 12},
           {"maker_name", "Solicitante", "Maker", ColumnType::text, 24},
           {"checker_name", "Aprovador", "Checker", ColumnType::text, 24},
           {"decided_at", "Decidida em", "Decided at", ColumnType::datetime},
           {"reason", "Motivo", "Reason", ColumnType::text, 30},
           {"expires_at", "Expira em", "Expires at", ColumnType::datetime}},
          {}};
}

}  // namespace rg::approvals
