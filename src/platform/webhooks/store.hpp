#pragma once
// SQL for webhook_triggers, webhook_deliveries and webhook_cursors (portable, $1..$n).
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "platform/webhooks/model.hpp"

namespace rg::webhooks::store {

void insert_trigger(db::Transaction& tx, const Trigger& t);
void update_trigger(db::Transaction& tx, const Trigger& t);
void delete_trigger(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us);
std::optional<Trigger> find_trigger(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock = false);
std::vector<Trigger> list_triggers(db::Transaction& tx, std::int64_t tenant_id, bool active_only);

void insert_delivery(db::Transaction& tx, const Delivery& d);
std::optional<Delivery> find_delivery(db::Transaction& tx, std::int64_t tenant_id, Id id);
std::vector<Delivery> list_deliveries(db::Transaction& tx, std::int64_t tenant_id, const DeliveryFilter& f);
void record_attempt(db::Transaction& tx, std::int64_t tenant_id, Id id, const SendResult& r,
                    const std::string& status, std::optional<std::int64_t> next_attempt_at_us,
                    std::optional<std::int64_t> delivered_at_us);
void mark_failed(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::string& error);

// Creates the tenant's cursor at its newest event when it has none.
void ensure_cursor(db::Transaction& tx, std::int64_t tenant_id, std::int64_t now_us);
std::vector<std::int64_t> cursor_tenants(db::Transaction& tx);
std::optional<Id> cursor(db::Transaction& tx, std::int64_t tenant_id);
std::optional<Id> lock_cursor(db::Transaction& tx, std::int64_t tenant_id);
void set_cursor(db::Transaction& tx, std::int64_t tenant_id, Id last_event_id, std::int64_t now_us);

}  // namespace rg::webhooks::store
