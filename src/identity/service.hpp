#pragma once
// Tenants, roles and operators (PLT-01, PLT-02, PLT-04). Every change is audited in the same
// transaction; the caller passes `who` (audit::entry_for(request)) with the actor filled in.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "identity/model.hpp"
#include "identity/permissions.hpp"
#include "platform/audit/service.hpp"
#include "platform/email/service.hpp"
#include "platform/events/service.hpp"

namespace rg::identity {

struct Settings {
  std::string console_url = "http://localhost:8080";  // links in e-mails
  std::int64_t code_valid_minutes = 30;
};

struct BootstrapInput {
  std::string tenant_name;
  std::string tenant_email;
  std::string manager_name;
  std::string manager_email;
  std::optional<std::string> manager_password;  // set directly (CLI); otherwise a first-access code is e-mailed
  bool platform = false;  // the platform operator's own tenant: its roles may hold platform.* permissions
};

class IdentityService {
 public:
  IdentityService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                  events::EventLog& events, email::EmailService& email, const PermissionRegistry& permissions,
                  Settings settings);

  // Creates a tenant with its built-in roles and first manager (`retaguarda admin bootstrap`).
  Result<Operator> bootstrap(const BootstrapInput& input);
  Result<Tenant> tenant(std::int64_t tenant_id);

  // Roles: built-in roles are computed from the permission registry; custom ones are stored.
  std::vector<Role> roles(std::int64_t tenant_id);
  Result<Role> role(std::int64_t tenant_id, Id role_id);
  Result<Role> create_role(const audit::Entry& who, const std::string& name, std::vector<std::string> permissions);
  Result<Role> update_role(const audit::Entry& who, Id role_id, std::optional<std::string> name,
                           std::optional<std::vector<std::string>> permissions);
  Status delete_role(const audit::Entry& who, Id role_id);
  // The sorted permissions a role grants in a tenant.
  std::vector<std::string> permissions_of(db::Transaction& tx, std::int64_t tenant_id, Id role_id);
  const PermissionRegistry& registry() const { return permissions_; }
  // The platform operator's own tenant (tenants.platform, set by `admin bootstrap --platform`).
  bool is_platform_tenant(std::int64_t tenant_id);
  bool is_platform_tenant(db::Transaction& tx, std::int64_t tenant_id);

  // Operators.
  Result<Operator> create_operator(const audit::Entry& who, const OperatorInput& input);
  Result<Operator> update_operator(const audit::Entry& who, Id id, const OperatorInput& input);
  Result<Operator> set_operator_enabled(const audit::Entry& who, Id id, bool enabled);
  Status delete_operator(const audit::Entry& who, Id id);
  // The same inside a caller's transaction (maker-checker approval runs them in its own).
  Result<Operator> set_operator_enabled(db::Transaction& tx, const audit::Entry& who, Id id, bool enabled);
  Status delete_operator(db::Transaction& tx, const audit::Entry& who, Id id);
  // Makes a deleted operator live again, disabled (PLT-14): a manager enables it explicitly, and
  // only then do its API keys work again (its sessions ended at deletion). Conflict when another
  // operator now uses its e-mail. The caller (deleted::DeletedRecords) audits and publishes.
  Result<Operator> restore_operator(db::Transaction& tx, const audit::Entry& who, Id id);
  Result<Operator> find_operator(std::int64_t tenant_id, Id id);
  std::vector<Operator> list_operators(std::int64_t tenant_id, const OperatorFilter& filter);

  // Sets a password checked against the policy, without a code: for `admin bootstrap` and the
  // demo loader, which run with shell access to the server, never from the HTTP API.
  Status set_initial_password(std::int64_t tenant_id, Id operator_id, const std::string& password);

  // Queues an e-mail about a new approval request to every active operator of the tenant whose
  // role grants `permission`, except the maker.
  Status email_checkers(db::Transaction& tx, std::int64_t tenant_id, Id maker_id, const std::string& permission,
                        const std::string& action_label, const std::string& maker_name, Id request_id);

  // Queues the e-mail `template_name` inside `tx` to every active operator of the tenant whose
  // role grants `permission`; {{name}} is the recipient's name, `vars` fill the rest.
  Status email_permitted(db::Transaction& tx, std::int64_t tenant_id, const std::string& permission,
                         const std::string& template_name, const std::map<std::string, std::string>& vars);

  // E-mails a one-time code inside `tx` (first access when the e-mail is not confirmed yet,
  // recovery otherwise) and returns nothing the caller could leak.
  Status send_code(db::Transaction& tx, const Operator& op, const Tenant& tenant);

 private:
  Status validate(db::Transaction& tx, std::int64_t tenant_id, Operator& op, std::optional<Id> existing_id);
  Result<std::vector<std::string>> checked_permissions(std::int64_t tenant_id, std::vector<std::string> permissions);
  // Audits an operator change and publishes the event of the same name, in `tx`.
  void operator_changed(db::Transaction& tx, const audit::Entry& who, const std::string& type, Id id,
                        const std::string& before_json, const std::string& after_json);

  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  audit::AuditLog& audit_;
  events::EventLog& events_;
  email::EmailService& email_;
  const PermissionRegistry& permissions_;
  Settings settings_;
};

// The operator.* event types (webhooks can subscribe to them).
void register_identity_events(events::EventCatalog& catalog);

// JSON documents used both in API responses and in audit before/after.
std::string operator_json(const Operator& op);
std::string role_json(const Role& role);

}  // namespace rg::identity
