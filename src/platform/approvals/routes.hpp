#pragma once
#include "http/router.hpp"
#include "platform/approvals/service.hpp"
#include "platform/exports/model.hpp"

namespace rg::approvals {

struct RoutePermissions {
  const char* read;       // see the queue and the policies
  const char* check;      // pick up, approve, reject
  const char* configure;  // choose which actions require approval
};

void register_approval_routes(http::Router& router, ApprovalEngine& engine, RoutePermissions permissions);

// The HTTP answer for a maker's action: 200/204 with the result when it ran, 202 with the
// request when it waits for a checker.
http::Response submitted_response(const http::Request& request, const Result<Submitted>& submitted);

// Columns of the approval queue's export (PLT-09): GET /api/v1/approvals?format=csv|xlsx.
exports::ListExport approvals_export();

}  // namespace rg::approvals
