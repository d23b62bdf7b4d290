#pragma once
// Small helpers the banking modules share (services and routes).
#include <string>

#include "core/ids.hpp"
#include "db/database.hpp"
#include "http/request.hpp"
#include "platform/audit/service.hpp"
#include "platform/events/service.hpp"

namespace rg::banking {

// Audits `action` on the target with before/after and publishes the event of the same name (its
// payload the record after the change, or before it for a deletion) in the caller's transaction:
// both exist if and only if the change commits.
void record_change(db::Transaction& tx, audit::AuditLog& audit, events::EventLog& events, const audit::Entry& who,
                   const std::string& action, const std::string& target_type, Id target_id, const std::string& before,
                   const std::string& after);

// Runs `write`; a unique violation (a concurrent writer inserted the same key first) becomes a
// retryable error, so Database::transact runs the whole transaction again and its checks then see
// the other writer's row and answer properly (409 naming the field, or an update instead).
template <typename Write>
void retry_on_unique(Write&& write) {
  try {
    write();
  } catch (const db::DbError& e) {
    if (e.kind() == db::DbError::Kind::unique_violation) throw db::DbError(db::DbError::Kind::retryable, e.what());
    throw;
  }
}

// 204 No Content.
http::Response no_content();

}  // namespace rg::banking
