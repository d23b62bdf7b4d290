#pragma once
// SQL for background exports (table `exports`). Each function runs inside the caller's
// transaction and filters by tenant.
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "platform/exports/model.hpp"

namespace rg::exports::store {

void insert(db::Transaction& tx, const ExportRecord& record);
std::optional<ExportRecord> find(db::Transaction& tx, std::int64_t tenant_id, Id id);
// One operator's exports, newest first; `before_id` is the keyset cursor.
std::vector<ExportRecord> list_for(db::Transaction& tx, std::int64_t tenant_id, std::int64_t requested_by,
                                   std::optional<std::int64_t> before_id, int limit);
// queued → running; false when the export is no longer queued (another attempt took it).
bool mark_running(db::Transaction& tx, std::int64_t tenant_id, Id id);
void mark_done(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t rows, std::int64_t size_bytes,
               std::int64_t finished_at_us, std::int64_t expires_at_us);
void mark_failed(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::string& error, std::int64_t at_us);
// Every tenant's finished exports whose expiry passed (at most `limit`).
std::vector<ExportRecord> expired(db::Transaction& tx, std::int64_t now_us, int limit);
void mark_expired(db::Transaction& tx, std::int64_t tenant_id, Id id);

}  // namespace rg::exports::store
