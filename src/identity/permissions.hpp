#pragma once
// The one registry of permission names (PLT-04). Every route names one of these (or `public` /
// `authenticated`); modules register theirs at start-up with a pt-BR and en-US description, and
// roles are sets of them.
#include <string>
#include <string_view>
#include <vector>

namespace rg::identity {

struct PermissionInfo {
  std::string code;      // "operators.write"
  std::string group;     // "operators" — for the roles screen
  std::string label_pt;  // "Criar e editar operadores"
  std::string label_en;
  bool sensitive = false;  // shown with a warning; e.g. reveal personal data, approve requests
  // Built-in roles are computed from the registry, so permissions added by later modules reach
  // them without a migration: Gestor has every permission, the others those flagged here.
  bool common = false;      // Usuário comum
  bool commercial = false;  // Comercial do cliente
  // Only roles of the platform operator's tenant (tenants.platform) can hold it; elsewhere it is
  // refused in custom roles and left out of built-in ones.
  bool platform = false;
};

class PermissionRegistry {
 public:
  void add(PermissionInfo info);
  bool contains(std::string_view code) const;
  const std::vector<PermissionInfo>& all() const { return all_; }
  std::vector<std::string> codes() const;
  // Sorted permissions of a built-in role code (manager, common, commercial); empty otherwise.
  std::vector<std::string> built_in_permissions(std::string_view role_code) const;
  bool is_platform(std::string_view code) const;

 private:
  std::vector<PermissionInfo> all_;
};

// Permissions of this module and the platform services it hosts.
namespace perm {
inline constexpr const char* operators_read = "operators.read";
inline constexpr const char* operators_write = "operators.write";
inline constexpr const char* operators_disable = "operators.disable";
inline constexpr const char* operators_delete = "operators.delete";
inline constexpr const char* roles_read = "roles.read";
inline constexpr const char* roles_write = "roles.write";
inline constexpr const char* api_keys_read = "api_keys.read";
inline constexpr const char* api_keys_write = "api_keys.write";
inline constexpr const char* audit_read = "audit.read";
inline constexpr const char* mailbox_read = "mailbox.read";
inline constexpr const char* approvals_read = "approvals.read";
inline constexpr const char* approvals_check = "approvals.check";
inline constexpr const char* approvals_configure = "approvals.configure";
inline constexpr const char* tenant_read = "tenant.read";
inline constexpr const char* webhooks_read = "webhooks.read";
inline constexpr const char* webhooks_write = "webhooks.write";
// Exports (PLT-09): the "Exportações" screen, each operator's own background exports.
inline constexpr const char* exports_read = "exports.read";
// Platform messages, support contact, push notifications (PLT-11, PLT-12, PLT-16).
inline constexpr const char* platform_messages = "platform.messages";
inline constexpr const char* platform_tenants = "platform.tenants";
inline constexpr const char* messages_read = "messages.read";
inline constexpr const char* support_configure = "support.configure";
inline constexpr const char* push_read = "push.read";
inline constexpr const char* push_send = "push.send";
inline constexpr const char* push_devices = "push.devices";
// Tags (PLT-13) and deleted records with restore (PLT-14).
inline constexpr const char* tags_read = "tags.read";
inline constexpr const char* tags_write = "tags.write";
inline constexpr const char* deleted_records_read = "deleted_records.read";
inline constexpr const char* deleted_records_restore = "deleted_records.restore";
}  // namespace perm

void register_identity_permissions(PermissionRegistry& registry);

// Built-in role codes, created for every tenant.
inline constexpr const char* role_manager = "manager";        // Gestor: every permission
inline constexpr const char* role_common = "common";          // Usuário comum
inline constexpr const char* role_commercial = "commercial";  // Comercial do cliente (query limits)

}  // namespace rg::identity
