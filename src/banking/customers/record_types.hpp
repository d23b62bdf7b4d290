#pragma once
// Customers as a record type of tags (PLT-13) and deleted records (PLT-14), partners as a deleted
// record type; also registers the module's event types (restores publish "<type>.restored").
#include "banking/customers/service.hpp"
#include "platform/deleted/service.hpp"
#include "platform/tags/service.hpp"

namespace rg::customers {

void register_customer_types(events::EventCatalog& catalog, deleted::RecordTypes& deleted, tags::RecordTypes& tags,
                             CustomerService& service);

}  // namespace rg::customers
