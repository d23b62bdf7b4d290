#pragma once
// Operators as a record type of the platform's tags (PLT-13) and deleted records (PLT-14).
#include "identity/service.hpp"
#include "platform/deleted/service.hpp"
#include "platform/tags/service.hpp"

namespace rg::identity {

// The catalogue passed to `deleted` must already hold operator.restored (register_identity_events).
void register_identity_record_types(deleted::RecordTypes& deleted, tags::RecordTypes& tags, IdentityService& identity);

}  // namespace rg::identity
