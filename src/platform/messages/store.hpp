#pragma once
// SQL for platform_messages, platform_message_tenants, message_views and tenant_resources.
#include <map>
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "platform/messages/model.hpp"

namespace rg::messages::store {

void insert_message(db::Transaction& tx, const Message& m);
void update_message(db::Transaction& tx, const Message& m);
void delete_message(db::Transaction& tx, Id id, std::int64_t now_us);
std::optional<Message> find_message(db::Transaction& tx, Id id);
std::vector<Message> list_messages(db::Transaction& tx, std::optional<Id> before_id, int limit);

// Messages addressed to the tenant and published at `now_us`, with the operator's view.
std::vector<InboxItem> inbox(db::Transaction& tx, std::int64_t tenant_id, std::int64_t operator_id,
                             std::int64_t now_us, const InboxFilter& filter);
std::optional<InboxItem> inbox_item(db::Transaction& tx, std::int64_t tenant_id, std::int64_t operator_id,
                                    std::int64_t now_us, Id id);
UnreadCount unread(db::Transaction& tx, std::int64_t tenant_id, std::int64_t operator_id, std::int64_t now_us);
void mark_viewed(db::Transaction& tx, std::int64_t tenant_id, std::int64_t operator_id, Id id, std::int64_t now_us);

std::vector<TenantSummary> tenants(db::Transaction& tx);
bool tenant_exists(db::Transaction& tx, std::int64_t tenant_id);
std::map<std::string, bool> resources(db::Transaction& tx, std::int64_t tenant_id);
void set_resource(db::Transaction& tx, std::int64_t tenant_id, const std::string& resource, bool enabled,
                  std::optional<std::int64_t> by, const std::string& by_name, std::int64_t now_us);

}  // namespace rg::messages::store
