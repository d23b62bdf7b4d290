#include <algorithm>
#include <sstream>

#include "db/where.hpp"
#include "identity/store.hpp"
#include "platform/tags/model.hpp"

namespace rg::identity::store {

namespace {

constexpr const char* operator_columns =
    "o.tenant_id, o.id, o.name, o.email, o.phone, o.role_id, r.code, r.name, o.access_interface,"
    " o.daily_query_limit, o.monthly_query_limit, o.email_confirmed, o.status, o.locale, o.totp_enabled,"
    " o.password_changed_at_us, o.last_sign_in_at_us, o.created_at_us, o.updated_at_us";
constexpr const char* operator_from = " FROM operators o JOIN roles r ON r.tenant_id = o.tenant_id AND r.id = o.role_id";

Operator operator_from_row(const db::Row& row) {
  Operator o;
  o.tenant_id = row.integer(0);
  o.id = row.integer(1);
  o.name = row.text(2);
  o.email = row.text(3);
  o.phone = row.text_or_null(4);
  o.role_id = row.integer(5);
  o.role_code = row.text(6);
  o.role_name = row.text(7);
  o.access_interface = row.text(8);
  o.daily_query_limit = row.integer_or_null(9);
  o.monthly_query_limit = row.integer_or_null(10);
  o.email_confirmed = row.integer(11) != 0;
  o.status = row.text(12);
  o.locale = row.text(13);
  o.totp_enabled = row.integer(14) != 0;
  o.password_changed_at_us = row.integer_or_null(15);
  o.last_sign_in_at_us = row.integer_or_null(16);
  o.created_at_us = row.integer(17);
  o.updated_at_us = row.integer(18);
  return o;
}

std::string fold(const std::string& s) {
  std::string out = s;
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// LIKE pattern for a user-typed substring, with % and _ escaped (ESCAPE '\').
std::string like_pattern(const std::string& text) {
  std::string out = "%";
  for (const char c : fold(text)) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

constexpr const char* api_key_columns =
    "k.tenant_id, k.id, k.operator_id, o.name, k.name, k.prefix, k.permissions, k.created_by, k.created_at_us,"
    " k.last_used_at_us, k.revoked_at_us FROM api_keys k JOIN operators o ON o.tenant_id = k.tenant_id AND"
    " o.id = k.operator_id";

ApiKeyRow api_key_from_row(const db::Row& row) {
  return ApiKeyRow{row.integer(0),       row.integer(1),  row.integer(2),         row.text(3),
                   row.text(4),          row.text(5),     split_permissions(row.text(6)), row.integer(7),
                   row.integer(8),       row.integer_or_null(9), row.integer_or_null(10)};
}

}  // namespace

std::string join_permissions(const std::vector<std::string>& permissions) {
  std::string out;
  for (const auto& p : permissions) out += (out.empty() ? "" : " ") + p;
  return out;
}

std::vector<std::string> split_permissions(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string p; in >> p;) out.push_back(p);
  std::sort(out.begin(), out.end());
  return out;
}

void insert_tenant(db::Transaction& tx, const Tenant& t, std::int64_t now_us) {
  tx.execute("INSERT INTO tenants (id, name, email, status, locale, created_at_us, updated_at_us)"
             " VALUES ($1, $2, $3, $4, $5, $6, $6)",
             {t.id, t.name, t.email, t.status, t.locale, now_us});
}

std::optional<Tenant> find_tenant(db::Transaction& tx, Id id) {
  auto row = tx.query_one("SELECT id, name, email, status, locale, created_at_us FROM tenants WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return Tenant{row->integer(0), row->text(1), row->text(2), row->text(3), row->text(4), row->integer(5)};
}

std::optional<Tenant> find_tenant_by_name(db::Transaction& tx, const std::string& name) {
  auto row = tx.query_one("SELECT id FROM tenants WHERE name = $1", {name});
  if (!row) return std::nullopt;
  return find_tenant(tx, row->integer(0));
}

void insert_role(db::Transaction& tx, const Role& r, std::int64_t now_us) {
  tx.execute("INSERT INTO roles (tenant_id, id, code, name, built_in, created_at_us, updated_at_us)"
             " VALUES ($1, $2, $3, $4, $5, $6, $6)",
             {r.tenant_id, r.id, r.code, r.name, r.built_in, now_us});
  replace_role_permissions(tx, r.tenant_id, r.id, r.permissions);
}

void replace_role_permissions(db::Transaction& tx, std::int64_t tenant_id, Id role_id,
                              const std::vector<std::string>& permissions) {
  tx.execute("DELETE FROM role_permissions WHERE tenant_id = $1 AND role_id = $2", {tenant_id, role_id});
  for (const auto& p : permissions) {
    tx.execute("INSERT INTO role_permissions (tenant_id, role_id, permission) VALUES ($1, $2, $3)",
               {tenant_id, role_id, p});
  }
}

void update_role_name(db::Transaction& tx, std::int64_t tenant_id, Id role_id, const std::string& name,
                      std::int64_t now_us) {
  tx.execute("UPDATE roles SET name = $3, updated_at_us = $4 WHERE tenant_id = $1 AND id = $2",
             {tenant_id, role_id, name, now_us});
}

bool delete_role(db::Transaction& tx, std::int64_t tenant_id, Id role_id) {
  // Deleted operators keep pointing at their last role; move them to the built-in common role
  // (their history stays in the audit trail) so the role itself can go.
  tx.execute("UPDATE operators SET role_id = (SELECT id FROM roles WHERE tenant_id = $1 AND code = 'common')"
             " WHERE tenant_id = $1 AND role_id = $2 AND deleted_at_us IS NOT NULL",
             {tenant_id, role_id});
  return tx.execute("DELETE FROM roles WHERE tenant_id = $1 AND id = $2 AND built_in = 0", {tenant_id, role_id}) == 1;
}

std::vector<std::string> role_permissions(db::Transaction& tx, std::int64_t tenant_id, Id role_id) {
  std::vector<std::string> out;
  for (const auto& row : tx.query("SELECT permission FROM role_permissions WHERE tenant_id = $1 AND role_id = $2"
                                  " ORDER BY permission",
                                  {tenant_id, role_id})) {
    out.push_back(row.text(0));
  }
  return out;
}

std::vector<Role> list_roles(db::Transaction& tx, std::int64_t tenant_id) {
  std::vector<Role> roles;
  for (const auto& row :
       tx.query("SELECT id, code, name, built_in FROM roles WHERE tenant_id = $1 ORDER BY built_in DESC, name",
                {tenant_id})) {
    roles.push_back(Role{tenant_id, row.integer(0), row.text(1), row.text(2), row.integer(3) != 0, {}});
  }
  for (auto& r : roles) r.permissions = role_permissions(tx, tenant_id, r.id);
  return roles;
}

std::optional<Role> find_role(db::Transaction& tx, std::int64_t tenant_id, Id role_id) {
  auto row = tx.query_one("SELECT id, code, name, built_in FROM roles WHERE tenant_id = $1 AND id = $2",
                          {tenant_id, role_id});
  if (!row) return std::nullopt;
  return Role{tenant_id, row->integer(0), row->text(1), row->text(2), row->integer(3) != 0,
              role_permissions(tx, tenant_id, role_id)};
}

std::optional<Role> find_role_by_code(db::Transaction& tx, std::int64_t tenant_id, const std::string& code) {
  auto row = tx.query_one("SELECT id FROM roles WHERE tenant_id = $1 AND code = $2", {tenant_id, code});
  if (!row) return std::nullopt;
  return find_role(tx, tenant_id, row->integer(0));
}

std::int64_t count_operators_with_role(db::Transaction& tx, std::int64_t tenant_id, Id role_id) {
  return tx
      .query_one("SELECT COUNT(*) FROM operators WHERE tenant_id = $1 AND role_id = $2 AND deleted_at_us IS NULL",
                 {tenant_id, role_id})
      ->integer(0);
}

void insert_operator(db::Transaction& tx, const Operator& o, std::int64_t now_us) {
  tx.execute(
      "INSERT INTO operators (tenant_id, id, name, email, email_folded, phone, role_id, access_interface,"
      " daily_query_limit, monthly_query_limit, email_confirmed, status, locale, created_at_us, updated_at_us)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)",
      {o.tenant_id, o.id, o.name, o.email, fold(o.email), o.phone, o.role_id, o.access_interface, o.daily_query_limit,
       o.monthly_query_limit, o.email_confirmed, o.status, o.locale, now_us});
}

void update_operator(db::Transaction& tx, const Operator& o, std::int64_t now_us) {
  tx.execute(
      "UPDATE operators SET name = $3, email = $4, email_folded = $5, phone = $6, role_id = $7, access_interface = $8,"
      " daily_query_limit = $9, monthly_query_limit = $10, email_confirmed = $11, locale = $12, updated_at_us = $13"
      " WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NULL",
      {o.tenant_id, o.id, o.name, o.email, fold(o.email), o.phone, o.role_id, o.access_interface, o.daily_query_limit,
       o.monthly_query_limit, o.email_confirmed, o.locale, now_us});
}

std::optional<Operator> find_operator(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock) {
  // The join needs "FOR UPDATE OF o" on PostgreSQL so only the operator row is locked.
  const char* lock_clause = lock && tx.kind() == db::Kind::postgresql ? " FOR UPDATE OF o" : "";
  auto row = tx.query_one(std::string("SELECT ") + operator_columns + operator_from +
                              " WHERE o.tenant_id = $1 AND o.id = $2 AND o.deleted_at_us IS NULL" + lock_clause,
                          {tenant_id, id});
  if (!row) return std::nullopt;
  return operator_from_row(*row);
}

std::optional<Operator> find_operator_by_email(db::Transaction& tx, const std::string& email_folded) {
  auto row = tx.query_one(std::string("SELECT ") + operator_columns + operator_from +
                              " WHERE o.email_folded = $1 AND o.deleted_at_us IS NULL",
                          {email_folded});
  if (!row) return std::nullopt;
  return operator_from_row(*row);
}

bool email_taken(db::Transaction& tx, const std::string& email_folded, std::optional<Id> except_id) {
  return tx
      .query_one("SELECT 1 FROM operators WHERE email_folded = $1 AND deleted_at_us IS NULL AND id <> $2",
                 {email_folded, except_id.value_or(0)})
      .has_value();
}

std::vector<Operator> list_operators(db::Transaction& tx, std::int64_t tenant_id, const OperatorFilter& f,
                                     std::int64_t now_us) {
  db::Where where(std::string("SELECT ") + operator_columns + operator_from +
                      " WHERE o.tenant_id = $1 AND o.deleted_at_us IS NULL",
                  {tenant_id});
  if (f.text) {
    const std::string n = where.bind(like_pattern(*f.text));
    where.condition("(LOWER(o.name) LIKE " + n + " ESCAPE '\\' OR o.email_folded LIKE " + n + " ESCAPE '\\')");
  }
  where.equal("o.status", f.status).equal("o.role_id", f.role_id).equal("o.access_interface", f.access_interface);
  where.equal("o.email_confirmed", f.email_confirmed);
  if (f.inactive_days) {
    where.condition("o.status = 'active'")
        .compare("COALESCE(o.last_sign_in_at_us, o.created_at_us)", "<",
                 now_us - static_cast<std::int64_t>(*f.inactive_days) * std::int64_t{86'400'000'000});
  }
  if (f.tag_id) {
    where.condition(tags::tagged_condition(record_type_operator, "o.tenant_id", "o.id", where.bind(*f.tag_id)));
  }
  std::vector<Operator> out;
  for (const auto& row : where.after("o.id", f.after_id).order_by("o.id", f.limit).query(tx)) {
    out.push_back(operator_from_row(row));
  }
  return out;
}

void set_operator_status(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::string& status,
                         std::int64_t now_us) {
  tx.execute("UPDATE operators SET status = $3, updated_at_us = $4 WHERE tenant_id = $1 AND id = $2",
             {tenant_id, id, status, now_us});
}

void soft_delete_operator(db::Transaction& tx, std::int64_t tenant_id, Id id, Id by, std::int64_t now_us) {
  tx.execute("UPDATE operators SET deleted_at_us = $3, deleted_by = $4, status = 'disabled', updated_at_us = $3"
             " WHERE tenant_id = $1 AND id = $2",
             {tenant_id, id, now_us, by});
}

std::optional<Operator> find_deleted_operator(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  auto row = tx.query_one(std::string("SELECT ") + operator_columns + operator_from +
                              " WHERE o.tenant_id = $1 AND o.id = $2 AND o.deleted_at_us IS NOT NULL",
                          {tenant_id, id});
  if (!row) return std::nullopt;
  return operator_from_row(*row);
}

bool restore_operator(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us) {
  return tx.execute("UPDATE operators SET deleted_at_us = NULL, deleted_by = NULL, status = 'disabled',"
                    " updated_at_us = $3 WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NOT NULL",
                    {tenant_id, id, now_us}) == 1;
}

Credentials credentials(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  auto row = tx.query_one("SELECT password_hash, previous_password_hash, password_changed_at_us, failed_sign_ins,"
                          " locked_until_us, totp_secret, totp_enabled, totp_last_step FROM operators"
                          " WHERE tenant_id = $1 AND id = $2",
                          {tenant_id, id});
  if (!row) return {};
  return Credentials{row->text_or_null(0), row->text_or_null(1),   row->integer_or_null(2),
                     static_cast<int>(row->integer(3)), row->integer_or_null(4), row->text_or_null(5),
                     row->integer(6) != 0, row->integer_or_null(7)};
}

void set_password(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::string& hash,
                  const std::optional<std::string>& previous_hash, std::int64_t now_us) {
  tx.execute("UPDATE operators SET password_hash = $3, previous_password_hash = $4, password_changed_at_us = $5,"
             " email_confirmed = 1, failed_sign_ins = 0, locked_until_us = NULL, updated_at_us = $5"
             " WHERE tenant_id = $1 AND id = $2",
             {tenant_id, id, hash, previous_hash, now_us});
}

void record_failed_sign_in(db::Transaction& tx, std::int64_t tenant_id, Id id, int failures,
                           std::optional<std::int64_t> locked_until_us, std::int64_t now_us) {
  tx.execute("UPDATE operators SET failed_sign_ins = $3, locked_until_us = $4, updated_at_us = $5"
             " WHERE tenant_id = $1 AND id = $2",
             {tenant_id, id, failures, locked_until_us, now_us});
}

void record_sign_in(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us) {
  tx.execute("UPDATE operators SET failed_sign_ins = 0, locked_until_us = NULL, last_sign_in_at_us = $3"
             " WHERE tenant_id = $1 AND id = $2",
             {tenant_id, id, now_us});
}

void set_totp_last_step(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t step) {
  tx.execute("UPDATE operators SET totp_last_step = $3 WHERE tenant_id = $1 AND id = $2", {tenant_id, id, step});
}

void set_totp(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::optional<std::string>& secret, bool enabled,
              std::int64_t now_us) {
  tx.execute("UPDATE operators SET totp_secret = $3, totp_enabled = $4, updated_at_us = $5"
             " WHERE tenant_id = $1 AND id = $2",
             {tenant_id, id, secret, enabled, now_us});
}

void insert_code(db::Transaction& tx, std::int64_t tenant_id, Id id, Id operator_id, const std::string& purpose,
                 const std::string& code_hash, std::int64_t expires_at_us, std::int64_t now_us) {
  tx.execute("INSERT INTO auth_codes (tenant_id, id, operator_id, purpose, code_hash, expires_at_us, created_at_us)"
             " VALUES ($1, $2, $3, $4, $5, $6, $7)",
             {tenant_id, id, operator_id, purpose, code_hash, expires_at_us, now_us});
}

std::optional<CodeRow> latest_code(db::Transaction& tx, std::int64_t tenant_id, Id operator_id) {
  auto row = tx.query_one("SELECT id, purpose, code_hash, attempts, expires_at_us FROM auth_codes"
                          " WHERE tenant_id = $1 AND operator_id = $2 AND used_at_us IS NULL ORDER BY id DESC LIMIT 1",
                          {tenant_id, operator_id});
  if (!row) return std::nullopt;
  return CodeRow{row->integer(0), row->text(1), row->text(2), static_cast<int>(row->integer(3)), row->integer(4)};
}

std::int64_t codes_sent_since(db::Transaction& tx, std::int64_t tenant_id, Id operator_id, std::int64_t since_us) {
  return tx
      .query_one("SELECT COUNT(*) FROM auth_codes WHERE tenant_id = $1 AND operator_id = $2 AND created_at_us >= $3",
                 {tenant_id, operator_id, since_us})
      ->integer(0);
}

void count_code_attempt(db::Transaction& tx, std::int64_t tenant_id, Id code_id) {
  tx.execute("UPDATE auth_codes SET attempts = attempts + 1 WHERE tenant_id = $1 AND id = $2", {tenant_id, code_id});
}

void use_codes(db::Transaction& tx, std::int64_t tenant_id, Id operator_id, std::int64_t now_us) {
  tx.execute("UPDATE auth_codes SET used_at_us = $3 WHERE tenant_id = $1 AND operator_id = $2 AND used_at_us IS NULL",
             {tenant_id, operator_id, now_us});
}

void insert_session(db::Transaction& tx, std::int64_t tenant_id, Id id, Id operator_id, const std::string& token_hash,
                    const std::string& csrf, std::int64_t expires_at_us, const std::string& ip,
                    const std::string& user_agent, std::int64_t now_us) {
  tx.execute("INSERT INTO sessions (tenant_id, id, operator_id, token_hash, csrf_token, created_at_us, last_seen_at_us,"
             " expires_at_us, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9)",
             {tenant_id, id, operator_id, token_hash, csrf, now_us, expires_at_us, ip, user_agent.substr(0, 300)});
}

std::optional<SessionRow> find_session(db::Transaction& tx, const std::string& token_hash) {
  auto row = tx.query_one("SELECT tenant_id, id, operator_id, csrf_token, last_seen_at_us, expires_at_us FROM sessions"
                          " WHERE token_hash = $1 AND revoked_at_us IS NULL",
                          {token_hash});
  if (!row) return std::nullopt;
  return SessionRow{row->integer(0), row->integer(1), row->integer(2), row->text(3), row->integer(4), row->integer(5)};
}

void touch_session(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us) {
  tx.execute("UPDATE sessions SET last_seen_at_us = $3 WHERE tenant_id = $1 AND id = $2", {tenant_id, id, now_us});
}

void revoke_session(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us) {
  tx.execute("UPDATE sessions SET revoked_at_us = $3 WHERE tenant_id = $1 AND id = $2 AND revoked_at_us IS NULL",
             {tenant_id, id, now_us});
}

std::int64_t revoke_operator_sessions(db::Transaction& tx, std::int64_t tenant_id, Id operator_id,
                                      std::int64_t now_us) {
  return tx.execute("UPDATE sessions SET revoked_at_us = $3 WHERE tenant_id = $1 AND operator_id = $2"
                    " AND revoked_at_us IS NULL",
                    {tenant_id, operator_id, now_us});
}

void insert_api_key(db::Transaction& tx, const ApiKeyRow& k, const std::string& key_hash) {
  tx.execute("INSERT INTO api_keys (tenant_id, id, operator_id, name, prefix, key_hash, permissions, created_by,"
             " created_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
             {k.tenant_id, k.id, k.operator_id, k.name, k.prefix, key_hash, join_permissions(k.permissions),
              k.created_by, k.created_at_us});
}

std::optional<ApiKeyRow> find_api_key_by_hash(db::Transaction& tx, const std::string& key_hash) {
  auto row = tx.query_one(std::string("SELECT ") + api_key_columns + " WHERE k.key_hash = $1", {key_hash});
  if (!row) return std::nullopt;
  return api_key_from_row(*row);
}

std::optional<ApiKeyRow> find_api_key(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  auto row = tx.query_one(std::string("SELECT ") + api_key_columns + " WHERE k.tenant_id = $1 AND k.id = $2",
                          {tenant_id, id});
  if (!row) return std::nullopt;
  return api_key_from_row(*row);
}

std::vector<ApiKeyRow> list_api_keys(db::Transaction& tx, std::int64_t tenant_id) {
  std::vector<ApiKeyRow> out;
  for (const auto& row :
       tx.query(std::string("SELECT ") + api_key_columns + " WHERE k.tenant_id = $1 ORDER BY k.id DESC", {tenant_id})) {
    out.push_back(api_key_from_row(row));
  }
  return out;
}

void revoke_api_key(db::Transaction& tx, std::int64_t tenant_id, Id id, Id by, std::int64_t now_us) {
  tx.execute("UPDATE api_keys SET revoked_at_us = $3, revoked_by = $4 WHERE tenant_id = $1 AND id = $2"
             " AND revoked_at_us IS NULL",
             {tenant_id, id, now_us, by});
}

void touch_api_key(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us) {
  tx.execute("UPDATE api_keys SET last_used_at_us = $3 WHERE tenant_id = $1 AND id = $2", {tenant_id, id, now_us});
}

}  // namespace rg::identity::store
