#pragma once
// The demo data of platform messages, tenant resources, support contact and push notifications
// (called by src/demo once the demo tenant and the platform tenant exist).
#include <ostream>

#include "platform/audit/service.hpp"
#include "platform/messages/service.hpp"
#include "platform/push/service.hpp"
#include "platform/support/service.hpp"

namespace rg::messages {

struct DemoServices {
  MessageService& messages;
  support::SupportService& support;
  push::PushService& push;
};

// `platform_admin` broadcasts and switches resources; `manager` (of the demo tenant) configures
// support, registers devices and sends notifications, and has opened every message but one.
bool load_demo(DemoServices s, const audit::Entry& platform_admin, const audit::Entry& manager, std::ostream& out);

}  // namespace rg::messages
