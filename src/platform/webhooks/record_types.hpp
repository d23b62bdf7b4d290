#pragma once
// Webhook triggers as a record type of tags (PLT-13) and deleted records (PLT-14). A deleted
// trigger receives no deliveries (it is inactive and out of every lookup); a restored one comes
// back inactive, so deliveries resume only when someone activates it again.
#include "core/clock.hpp"
#include "platform/deleted/service.hpp"
#include "platform/events/service.hpp"
#include "platform/tags/service.hpp"

namespace rg::webhooks {

inline constexpr const char* record_type_trigger = "webhook_trigger";

// Registers the event webhook_trigger.restored and the record type in both registries.
// `read_permission` is what it takes to see triggers ("webhooks.read").
void register_webhook_record_types(events::EventCatalog& catalog, deleted::RecordTypes& deleted,
                                   tags::RecordTypes& tags, const Clock& clock, const char* read_permission);

}  // namespace rg::webhooks
