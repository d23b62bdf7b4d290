#pragma once
// SQL for audit_heads and audit_log. Each function runs inside the caller's transaction and
// filters by tenant.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "platform/audit/service.hpp"

namespace rg::audit::store {

struct Head {
  std::int64_t last_seq = 0;
  std::string last_hash;
};

// Locks the tenant's chain head for the rest of the transaction, creating it (seq 0, `genesis`)
// when the tenant has none. Two first appends racing on PostgreSQL both insert with ON CONFLICT
// DO NOTHING; the loser waits for the winner's commit and then locks its row.
Head lock_head(db::Transaction& tx, std::int64_t tenant_id, const std::string& genesis);
void insert_record(db::Transaction& tx, const Record& record);
void update_head(db::Transaction& tx, std::int64_t tenant_id, std::int64_t last_seq, const std::string& last_hash);

// Newest first, at most `limit` rows (the caller bounds it).
std::vector<Record> search(db::Transaction& tx, const Query& query, int limit);

// Verification reads: the head without locking, and the chain in seq order after `after_seq`.
std::optional<Head> read_head(db::Transaction& tx, std::int64_t tenant_id);
std::vector<Record> chain_page(db::Transaction& tx, std::int64_t tenant_id, std::int64_t after_seq, int limit);
// Tenants with a head or any entry, ascending.
std::vector<std::int64_t> tenants(db::Transaction& tx);

}  // namespace rg::audit::store
