#pragma once
#include "http/router.hpp"
#include "platform/webhooks/service.hpp"

namespace rg::webhooks {

struct RoutePermissions {
  const char* read;   // "webhooks.read": event types, triggers (without secrets), deliveries
  const char* write;  // "webhooks.write": create/update/delete, rotate secret, simulate, resend
};

void register_webhook_routes(http::Router& router, WebhookService& service, RoutePermissions permissions);

}  // namespace rg::webhooks
