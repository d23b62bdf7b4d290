#pragma once
#include <vector>

#include "banking/plans/service.hpp"
#include "http/router.hpp"
#include "platform/exports/model.hpp"

namespace rg::banking::plans {

struct RoutePermissions {
  const char* plans_read;     // "plans.read"
  const char* plans_write;    // "plans.write": plans and their card IDs
  const char* tariffs_read;   // "tariffs.read"
  const char* tariffs_write;  // "tariffs.write"
};

void register_plan_routes(http::Router& router, PlanService& service, RoutePermissions permissions);
// GET /api/v1/plans and /api/v1/tariffs as CSV/XLSX (PLT-09).
std::vector<exports::ListExport> plan_exports();

}  // namespace rg::banking::plans
