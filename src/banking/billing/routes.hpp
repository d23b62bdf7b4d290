#pragma once
// HTTP for the revenue center and the billing center (TRX-06).
#include "banking/billing/service.hpp"
#include "http/router.hpp"
#include "platform/exports/model.hpp"

namespace rg::billing {

struct RoutePermissions {
  const char* revenue_read;    // revenue.read: the revenue center
  const char* billing_read;    // billing.read: the charges
  const char* billing_manage;  // billing.manage: collect now, waive
};

void register_billing_routes(http::Router& router, BillingService& service, RoutePermissions permissions);
exports::ListExport charges_export();

}  // namespace rg::billing
