#pragma once
// SQL for tenants, roles, operators, sessions, codes and API keys. Every function takes the
// caller's transaction, and every tenant-scoped query filters by tenant_id.
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "identity/model.hpp"

namespace rg::identity::store {

// Tenants
void insert_tenant(db::Transaction& tx, const Tenant& t, std::int64_t now_us);
std::optional<Tenant> find_tenant(db::Transaction& tx, Id id);
std::optional<Tenant> find_tenant_by_name(db::Transaction& tx, const std::string& name);

// Roles
void insert_role(db::Transaction& tx, const Role& r, std::int64_t now_us);
void replace_role_permissions(db::Transaction& tx, std::int64_t tenant_id, Id role_id,
                              const std::vector<std::string>& permissions);
void update_role_name(db::Transaction& tx, std::int64_t tenant_id, Id role_id, const std::string& name,
                      std::int64_t now_us);
bool delete_role(db::Transaction& tx, std::int64_t tenant_id, Id role_id);
std::vector<Role> list_roles(db::Transaction& tx, std::int64_t tenant_id);
std::optional<Role> find_role(db::Transaction& tx, std::int64_t tenant_id, Id role_id);
std::optional<Role> find_role_by_code(db::Transaction& tx, std::int64_t tenant_id, const std::string& code);
std::int64_t count_operators_with_role(db::Transaction& tx, std::int64_t tenant_id, Id role_id);
std::vector<std::string> role_permissions(db::Transaction& tx, std::int64_t tenant_id, Id role_id);

// Operators
void insert_operator(db::Transaction& tx, const Operator& o, std::int64_t now_us);
void update_operator(db::Transaction& tx, const Operator& o, std::int64_t now_us);
std::optional<Operator> find_operator(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock = false);
// Sign-in is by e-mail alone, unique across the platform among operators not deleted.
std::optional<Operator> find_operator_by_email(db::Transaction& tx, const std::string& email_folded);
bool email_taken(db::Transaction& tx, const std::string& email_folded, std::optional<Id> except_id);
std::vector<Operator> list_operators(db::Transaction& tx, std::int64_t tenant_id, const OperatorFilter& f,
                                     std::int64_t now_us);
void set_operator_status(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::string& status,
                         std::int64_t now_us);
void soft_delete_operator(db::Transaction& tx, std::int64_t tenant_id, Id id, Id by, std::int64_t now_us);
// Restore (PLT-14): the operator comes back disabled; false when it was not deleted.
std::optional<Operator> find_deleted_operator(db::Transaction& tx, std::int64_t tenant_id, Id id);
bool restore_operator(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us);

struct Credentials {
  std::optional<std::string> password_hash;
  std::optional<std::string> previous_password_hash;
  std::optional<std::int64_t> password_changed_at_us;
  int failed_sign_ins = 0;
  std::optional<std::int64_t> locked_until_us;
  std::optional<std::string> totp_secret;
  bool totp_enabled = false;
  std::optional<std::int64_t> totp_last_step;  // the last accepted TOTP step: a code works once
};
Credentials credentials(db::Transaction& tx, std::int64_t tenant_id, Id id);
void set_password(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::string& hash,
                  const std::optional<std::string>& previous_hash, std::int64_t now_us);
void record_failed_sign_in(db::Transaction& tx, std::int64_t tenant_id, Id id, int failures,
                           std::optional<std::int64_t> locked_until_us, std::int64_t now_us);
void record_sign_in(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us);
void set_totp_last_step(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t step);
void set_totp(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::optional<std::string>& secret,
              bool enabled, std::int64_t now_us);

// One-time e-mailed codes
void insert_code(db::Transaction& tx, std::int64_t tenant_id, Id id, Id operator_id, const std::string& purpose,
                 const std::string& code_hash, std::int64_t expires_at_us, std::int64_t now_us);
struct CodeRow {
  Id id = 0;
  std::string purpose;
  std::string code_hash;
  int attempts = 0;
  std::int64_t expires_at_us = 0;
};
// The newest unused code of the operator (any purpose).
std::optional<CodeRow> latest_code(db::Transaction& tx, std::int64_t tenant_id, Id operator_id);
// How many codes the operator was sent since `since_us` (to throttle code requests).
std::int64_t codes_sent_since(db::Transaction& tx, std::int64_t tenant_id, Id operator_id, std::int64_t since_us);
void count_code_attempt(db::Transaction& tx, std::int64_t tenant_id, Id code_id);
void use_codes(db::Transaction& tx, std::int64_t tenant_id, Id operator_id, std::int64_t now_us);

// Sessions
void insert_session(db::Transaction& tx, std::int64_t tenant_id, Id id, Id operator_id, const std::string& token_hash,
                    const std::string& csrf, std::int64_t expires_at_us, const std::string& ip,
                    const std::string& user_agent, std::int64_t now_us);
struct SessionRow {
  std::int64_t tenant_id = 0;
  Id id = 0;
  Id operator_id = 0;
  std::string csrf;
  std::int64_t last_seen_at_us = 0;
  std::int64_t expires_at_us = 0;
};
std::optional<SessionRow> find_session(db::Transaction& tx, const std::string& token_hash);
void touch_session(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us);
void revoke_session(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us);
std::int64_t revoke_operator_sessions(db::Transaction& tx, std::int64_t tenant_id, Id operator_id,
                                      std::int64_t now_us);

// API keys
struct ApiKeyRow {
  std::int64_t tenant_id = 0;
  Id id = 0;
  Id operator_id = 0;
  std::string operator_name;
  std::string name;
  std::string prefix;
  std::vector<std::string> permissions;
  Id created_by = 0;
  std::int64_t created_at_us = 0;
  std::optional<std::int64_t> last_used_at_us;
  std::optional<std::int64_t> revoked_at_us;
};
void insert_api_key(db::Transaction& tx, const ApiKeyRow& key, const std::string& key_hash);
std::optional<ApiKeyRow> find_api_key_by_hash(db::Transaction& tx, const std::string& key_hash);
std::optional<ApiKeyRow> find_api_key(db::Transaction& tx, std::int64_t tenant_id, Id id);
std::vector<ApiKeyRow> list_api_keys(db::Transaction& tx, std::int64_t tenant_id);
void revoke_api_key(db::Transaction& tx, std::int64_t tenant_id, Id id, Id by, std::int64_t now_us);
void touch_api_key(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us);

// Permission lists are stored as one space-separated TEXT column (portable).
std::string join_permissions(const std::vector<std::string>& permissions);
std::vector<std::string> split_permissions(const std::string& text);

}  // namespace rg::identity::store
