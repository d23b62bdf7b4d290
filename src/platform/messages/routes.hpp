#pragma once
#include <boost/json.hpp>

#include <vector>

#include "http/json.hpp"
#include "http/router.hpp"
#include "platform/exports/model.hpp"
#include "platform/messages/service.hpp"

namespace rg::messages {

struct RoutePermissions {
  const char* read;               // "messages.read": an operator's inbox
  const char* platform_messages;  // "platform.messages": broadcasts (platform tenant only)
  const char* platform_tenants;   // "platform.tenants": institutions and their resources (platform tenant only)
  const char* tenant_read;        // "tenant.read": the own tenant's resources
};

void register_message_routes(http::Router& router, MessageService& service, RoutePermissions permissions);

// The inbox and the broadcasts as exportable lists (PLT-09).
std::vector<exports::ListExport> message_exports();

}  // namespace rg::messages
