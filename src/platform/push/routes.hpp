#pragma once
#include <vector>

#include "http/router.hpp"
#include "platform/exports/model.hpp"
#include "platform/push/gateway.hpp"
#include "platform/push/service.hpp"

namespace rg::push {

struct RoutePermissions {
  const char* read;     // "push.read": devices, notifications, what the sandbox gateway received
  const char* send;     // "push.send": send a notification
  const char* devices;  // "push.devices": register and remove devices (the app's back end)
};

void register_push_routes(http::Router& router, PushService& service, SandboxGateway& gateway,
                          RoutePermissions permissions);

// The outbox, the devices and the gateway log as exportable lists (PLT-09).
std::vector<exports::ListExport> push_exports();

}  // namespace rg::push
