#pragma once
// SQL for the e-mail outbox (table email_outbox). Each function runs inside the caller's
// transaction and filters by tenant.
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "platform/email/service.hpp"

namespace rg::email::store {

void insert(db::Transaction& tx, const StoredMessage& message);
std::optional<StoredMessage> find(db::Transaction& tx, std::int64_t tenant_id, Id id);
// Newest first. `to_pattern` is a lower-case substring of the recipient.
std::vector<StoredMessage> list(db::Transaction& tx, std::int64_t tenant_id, const std::optional<std::string>& to_pattern,
                                std::optional<std::int64_t> before_id, int limit);
bool mark_read(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us);
// The outcome of one delivery attempt; each applies only while the message is still 'queued',
// so a late or repeated delivery job cannot undo a final state.
bool mark_sent(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us);
bool mark_attempt_failed(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::string& error, bool final);
// SMTP was configured when the message was queued but is not in the process delivering it.
bool move_to_mailbox(db::Transaction& tx, std::int64_t tenant_id, Id id);

}  // namespace rg::email::store
