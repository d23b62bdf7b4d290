#pragma once
#include "http/router.hpp"
#include "platform/exports/model.hpp"
#include "platform/webhooks/service.hpp"

namespace rg::webhooks {

struct RoutePermissions {
  const char* read;   // "webhooks.read": event types, triggers (without secrets), deliveries
  const char* write;  // "webhooks.write": create/update/delete, rotate secret, simulate, resend
};

void register_webhook_routes(http::Router& router, WebhookService& service, RoutePermissions permissions);

// Columns of the triggers and deliveries exports (PLT-09): ?format=csv|xlsx on each list.
std::vector<exports::ListExport> webhook_exports();

}  // namespace rg::webhooks
