#pragma once
// SQL for the deleted_records registry (portable, $1..$n).
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "platform/deleted/model.hpp"

namespace rg::deleted::store {

void insert(db::Transaction& tx, const DeletedRecord& record);
// The live (not restored) row of a record, locked for the restore.
std::optional<DeletedRecord> find_live(db::Transaction& tx, std::int64_t tenant_id, const std::string& record_type,
                                       Id record_id);
void mark_restored(db::Transaction& tx, std::int64_t tenant_id, Id id, std::optional<Id> by, std::int64_t now_us);
// Newest first; fetches filter.limit rows.
std::vector<DeletedRecord> list(db::Transaction& tx, std::int64_t tenant_id, const DeletedFilter& filter);

}  // namespace rg::deleted::store
