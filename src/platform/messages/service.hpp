#pragma once
// Platform messages (PLT-12): platform administrators broadcast messages to every tenant or to a
// chosen list, optionally inside a publication window; each operator of those tenants sees them
// with viewed / not viewed (per operator), an unread count and, for warnings, a notice at sign-in.
//
// Broadcasts are platform rows (no tenant_id): the routes that change them need platform.messages,
// which only roles of the platform operator's tenant can hold (identity/permissions). Views are
// tenant rows keyed by operator.
//
// Tenant resources (e.g. `messaging`, which gates push notifications) are switched here too, by a
// platform administrator (platform.tenants).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "platform/audit/service.hpp"
#include "platform/messages/model.hpp"

namespace rg::messages {

std::string message_json(const Message& m, bool admin);
std::string inbox_json(const InboxItem& item);
std::string tenant_json(const TenantSummary& t);

class MessageService {
 public:
  MessageService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit);

  // Platform administrators: every broadcast, newest first.
  std::vector<Message> broadcasts(std::optional<Id> before_id, int limit);
  Result<Message> broadcast(Id id);
  Result<Message> create(const audit::Entry& who, const MessageInput& input);
  Result<Message> update(const audit::Entry& who, Id id, const MessageInput& input);
  Status remove(const audit::Entry& who, Id id);

  // Operators: the messages addressed to their tenant and published now.
  std::vector<InboxItem> inbox(std::int64_t tenant_id, std::int64_t operator_id, const InboxFilter& filter);
  // One message; the first opening marks it viewed for this operator.
  Result<InboxItem> open(std::int64_t tenant_id, std::int64_t operator_id, Id id);
  UnreadCount unread(std::int64_t tenant_id, std::int64_t operator_id);

  // Tenants and their resources.
  std::vector<TenantSummary> tenants();
  Result<TenantSummary> set_resources(const audit::Entry& who, std::int64_t tenant_id,
                                      const std::map<std::string, bool>& resources);
  std::map<std::string, bool> resources(std::int64_t tenant_id);
  bool resource_enabled(db::Transaction& tx, std::int64_t tenant_id, const std::string& resource);

 private:
  Status validate(db::Transaction& tx, const Message& m);

  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  audit::AuditLog& audit_;
};

}  // namespace rg::messages
