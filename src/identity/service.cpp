#include "identity/service.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "core/clock.hpp"
#include "core/contact.hpp"
#include "identity/password_policy.hpp"
#include "identity/secrets.hpp"
#include "identity/store.hpp"
#include "platform/deleted/service.hpp"

namespace rg::identity {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Brazilian phone numbers: 10 (landline) or 11 (mobile) digits with area code; masks accepted.
std::optional<std::string> normalized_phone(const std::string& phone) {
  std::string digits;
  for (const char c : phone) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != ' ' && c != '(' && c != ')' && c != '-' && c != '+') {
      return std::nullopt;
    }
  }
  if (digits.size() == 13 && digits.starts_with("55")) digits = digits.substr(2);
  if (digits.size() != 10 && digits.size() != 11) return std::nullopt;
  return digits;
}

std::string url_encoded(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string iso_or_null(const std::optional<std::int64_t>& us) { return us ? format_iso8601_utc(*us) : ""; }

}  // namespace

std::string operator_json(const Operator& op) {
  boost::json::object o{{"id", std::to_string(op.id)},
                        {"name", op.name},
                        {"email", op.email},
                        {"phone", op.phone ? boost::json::value(*op.phone) : nullptr},
                        {"role_id", std::to_string(op.role_id)},
                        {"role_code", op.role_code},
                        {"role_name", op.role_name},
                        {"access_interface", op.access_interface},
                        {"daily_query_limit", op.daily_query_limit ? boost::json::value(*op.daily_query_limit) : nullptr},
                        {"monthly_query_limit",
                         op.monthly_query_limit ? boost::json::value(*op.monthly_query_limit) : nullptr},
                        {"email_confirmed", op.email_confirmed},
                        {"status", op.status},
                        {"locale", op.locale},
                        {"totp_enabled", op.totp_enabled},
                        {"last_sign_in_at", op.last_sign_in_at_us ? boost::json::value(iso_or_null(op.last_sign_in_at_us))
                                                                  : nullptr},
                        {"created_at", format_iso8601_utc(op.created_at_us)}};
  return boost::json::serialize(o);
}

std::string role_json(const Role& role) {
  boost::json::array permissions;
  for (const auto& p : role.permissions) permissions.push_back(boost::json::value(p));
  boost::json::object o{{"id", std::to_string(role.id)}, {"code", role.code},       {"name", role.name},
                        {"built_in", role.built_in},     {"permissions", permissions}};
  return boost::json::serialize(o);
}

IdentityService::IdentityService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                                 events::EventLog& events, email::EmailService& email,
                                 const PermissionRegistry& permissions, Settings settings)
    : db_(db), clock_(clock), ids_(ids), audit_(audit), events_(events), email_(email), permissions_(permissions),
      settings_(std::move(settings)) {}

void register_identity_events(events::EventCatalog& catalog) {
  const std::string sample = R"({"id":"1","name":"Ana Souza","email":"ana@exemplo.com.br","role_code":"common",)"
                             R"("access_interface":"both","status":"active"})";
  catalog.add({"operator.created", "Operador criado", "Operator created", sample});
  catalog.add({"operator.updated", "Operador alterado", "Operator updated", sample});
  catalog.add({"operator.enabled", "Operador habilitado", "Operator enabled", sample});
  catalog.add({"operator.disabled", "Operador desabilitado", "Operator disabled", sample});
  catalog.add({"operator.deleted", "Operador excluído", "Operator deleted", sample});
  catalog.add({"operator.restored", "Operador restaurado", "Operator restored", sample});
}

Result<Operator> IdentityService::bootstrap(const BootstrapInput& in) {
  if (in.tenant_name.empty()) return Error::invalid("tenant_name", "The institution's name is required.");
  if (!plausible_email(in.tenant_email)) return Error::invalid("tenant_email", "A valid e-mail is required.");
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Operator> {
    if (store::find_tenant_by_name(tx, in.tenant_name)) return Error::conflict("A tenant with this name exists.");
    const std::int64_t now = clock_.now_us();
    Tenant tenant{ids_.next(), in.tenant_name, in.tenant_email, "active", "pt-BR", now};
    store::insert_tenant(tx, tenant, now);
    if (in.platform) tx.execute("UPDATE tenants SET platform = 1 WHERE id = $1", {tenant.id});
    Id manager_role = 0;
    for (const auto& [code, name] : {std::pair{role_manager, "Gestor"}, std::pair{role_common, "Usuário"},
                                     std::pair{role_commercial, "Comercial do cliente"}}) {
      const Role role{tenant.id, ids_.next(), code, name, true, {}};
      store::insert_role(tx, role, now);
      if (std::string(code) == role_manager) manager_role = role.id;
    }
    Operator op;
    op.tenant_id = tenant.id;
    op.id = ids_.next();
    op.name = in.manager_name;
    op.email = in.manager_email;
    op.role_id = manager_role;
    if (auto invalid = validate(tx, tenant.id, op, std::nullopt); !invalid) return invalid.error();
    store::insert_operator(tx, op, now);
    audit::Entry who;
    who.tenant_id = tenant.id;
    who.actor_name = "retaguarda admin bootstrap";
    audit_.record(tx, who, "tenant.created", "tenant", std::to_string(tenant.id));
    if (in.manager_password) {
      store::set_password(tx, tenant.id, op.id, hash_password(*in.manager_password), std::nullopt, now);
      op.email_confirmed = true;
    } else if (auto sent = send_code(tx, op, tenant); !sent) {
      return sent.error();
    }
    auto created = store::find_operator(tx, tenant.id, op.id);
    operator_changed(tx, who, "operator.created", op.id, "", operator_json(*created));
    return *created;
  });
}

void IdentityService::operator_changed(db::Transaction& tx, const audit::Entry& who, const std::string& type, Id id,
                                       const std::string& before_json, const std::string& after_json) {
  audit_.record(tx, who, type, "operator", std::to_string(id), before_json, after_json);
  // The event carries the operator as it is now (as it was, for a deletion).
  events_.publish(tx, who.tenant_id, type, "operator", std::to_string(id),
                  after_json.empty() ? before_json : after_json, who.request_id);
}

Status IdentityService::set_initial_password(std::int64_t tenant_id, Id operator_id, const std::string& password) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto op = store::find_operator(tx, tenant_id, operator_id, true);
    auto tenant = store::find_tenant(tx, tenant_id);
    if (!op || !tenant) return Error::not_found("Operator not found.");
    if (auto valid = validate_password(password, {op->name, op->email, tenant->name, tenant->email}); !valid) {
      return valid.error();
    }
    store::set_password(tx, tenant_id, operator_id, hash_password(password), std::nullopt, clock_.now_us());
    store::use_codes(tx, tenant_id, operator_id, clock_.now_us());
    return {};
  });
}

Result<Tenant> IdentityService::tenant(std::int64_t tenant_id) {
  auto t = db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::find_tenant(tx, tenant_id); });
  if (!t) return Error::not_found("Tenant not found.");
  return *t;
}

bool IdentityService::is_platform_tenant(db::Transaction& tx, std::int64_t tenant_id) {
  auto row = tx.query_one("SELECT platform FROM tenants WHERE id = $1", {tenant_id});
  return row && row->integer(0) != 0;
}

bool IdentityService::is_platform_tenant(std::int64_t tenant_id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return is_platform_tenant(tx, tenant_id); });
}

std::vector<std::string> IdentityService::permissions_of(db::Transaction& tx, std::int64_t tenant_id, Id role_id) {
  auto role = store::find_role(tx, tenant_id, role_id);
  if (!role) return {};
  std::vector<std::string> out;
  if (role->built_in) {
    out = permissions_.built_in_permissions(role->code);
  } else {
    // Custom roles keep only permissions that are still registered.
    for (const auto& p : role->permissions) {
      if (permissions_.contains(p)) out.push_back(p);
    }
  }
  // platform.* permissions exist only in the platform operator's own tenant.
  if (!is_platform_tenant(tx, tenant_id)) {
    std::erase_if(out, [&](const std::string& p) { return permissions_.is_platform(p); });
  }
  return out;
}

std::vector<Role> IdentityService::roles(std::int64_t tenant_id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    auto roles = store::list_roles(tx, tenant_id);
    for (auto& r : roles) r.permissions = permissions_of(tx, tenant_id, r.id);
    return roles;
  });
}

Result<Role> IdentityService::role(std::int64_t tenant_id, Id role_id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) -> Result<Role> {
    auto r = store::find_role(tx, tenant_id, role_id);
    if (!r) return Error::not_found("Role not found.");
    r->permissions = permissions_of(tx, tenant_id, role_id);
    return *r;
  });
}

Result<std::vector<std::string>> IdentityService::checked_permissions(std::int64_t tenant_id,
                                                                      std::vector<std::string> permissions) {
  std::sort(permissions.begin(), permissions.end());
  permissions.erase(std::unique(permissions.begin(), permissions.end()), permissions.end());
  const bool platform = is_platform_tenant(tenant_id);
  for (const auto& p : permissions) {
    if (!permissions_.contains(p)) return Error::invalid("permissions", "Unknown permission '" + p + "'.");
    if (!platform && permissions_.is_platform(p)) {
      return Error::invalid("permissions", "'" + p + "' can only be granted in the platform operator's tenant.");
    }
  }
  return permissions;
}

Result<Role> IdentityService::create_role(const audit::Entry& who, const std::string& name,
                                          std::vector<std::string> permissions) {
  auto checked = checked_permissions(who.tenant_id, std::move(permissions));
  if (!checked) return checked.error();
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Role> {
    const Role role{who.tenant_id, ids_.next(), "custom_" + std::to_string(ids_.next()), name, false, *checked};
    for (const auto& existing : store::list_roles(tx, who.tenant_id)) {
      if (lower(existing.name) == lower(name)) return Error{ErrorCode::conflict, "A role with this name exists.", {{"name", "A role with this name exists."}}};
    }
    store::insert_role(tx, role, clock_.now_us());
    audit_.record(tx, who, "role.created", "role", std::to_string(role.id), "", role_json(role));
    return role;
  });
}

Result<Role> IdentityService::update_role(const audit::Entry& who, Id role_id, std::optional<std::string> name,
                                          std::optional<std::vector<std::string>> permissions) {
  std::optional<std::vector<std::string>> checked;
  if (permissions) {
    auto c = checked_permissions(who.tenant_id, std::move(*permissions));
    if (!c) return c.error();
    checked = *c;
  }
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Role> {
    auto before = store::find_role(tx, who.tenant_id, role_id);
    if (!before) return Error::not_found("Role not found.");
    if (before->built_in) return Error::conflict("Built-in roles cannot be changed; create a custom role instead.");
    if (name) {
      for (const auto& existing : store::list_roles(tx, who.tenant_id)) {
        if (existing.id != role_id && lower(existing.name) == lower(*name)) {
          return Error{ErrorCode::conflict, "A role with this name exists.", {{"name", "A role with this name exists."}}};
        }
      }
    }
    const std::int64_t now = clock_.now_us();
    if (name) store::update_role_name(tx, who.tenant_id, role_id, *name, now);
    if (checked) store::replace_role_permissions(tx, who.tenant_id, role_id, *checked);
    auto after = store::find_role(tx, who.tenant_id, role_id);
    audit_.record(tx, who, "role.updated", "role", std::to_string(role_id), role_json(*before), role_json(*after));
    return *after;
  });
}

Status IdentityService::delete_role(const audit::Entry& who, Id role_id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto before = store::find_role(tx, who.tenant_id, role_id);
    if (!before) return Error::not_found("Role not found.");
    if (before->built_in) return Error::conflict("Built-in roles cannot be deleted.");
    if (store::count_operators_with_role(tx, who.tenant_id, role_id) > 0) {
      return Error::conflict("Operators still have this role; give them another role first.");
    }
    store::delete_role(tx, who.tenant_id, role_id);
    audit_.record(tx, who, "role.deleted", "role", std::to_string(role_id), role_json(*before));
    return {};
  });
}

Status IdentityService::validate(db::Transaction& tx, std::int64_t tenant_id, Operator& op,
                                 std::optional<Id> existing_id) {
  std::vector<FieldError> errors;
  if (op.name.empty() || op.name.size() > 120) errors.push_back({"name", "A name of 1 to 120 characters is required."});
  if (op.role_id == 0) errors.push_back({"role_id", "Choose a role."});
  op.email = lower(op.email);
  if (!plausible_email(op.email)) {
    errors.push_back({"email", "A valid e-mail is required."});
  } else if (store::email_taken(tx, op.email, existing_id)) {
    errors.push_back({"email", "Another operator already uses this e-mail."});
  }
  if (op.phone) {
    if (auto phone = normalized_phone(*op.phone)) {
      op.phone = *phone;
    } else {
      errors.push_back({"phone", "A phone with area code, 10 or 11 digits, e.g. (11) 91234-5678."});
    }
  }
  auto role = store::find_role(tx, tenant_id, op.role_id);
  if (!role) {
    if (op.role_id != 0) errors.push_back({"role_id", "Unknown role."});
  } else if (role->code == role_commercial) {
    // Seed 002: "Comercial do cliente" has daily and monthly query limits; daily ≤ monthly.
    if (!op.daily_query_limit || *op.daily_query_limit < 1) {
      errors.push_back({"daily_query_limit", "A daily query limit of at least 1 is required for this role."});
    }
    if (!op.monthly_query_limit || *op.monthly_query_limit < 1) {
      errors.push_back({"monthly_query_limit", "A monthly query limit of at least 1 is required for this role."});
    }
    if (op.daily_query_limit && op.monthly_query_limit && *op.daily_query_limit > *op.monthly_query_limit) {
      errors.push_back({"daily_query_limit", "The daily limit cannot be greater than the monthly limit."});
    }
  } else {
    op.daily_query_limit.reset();
    op.monthly_query_limit.reset();
  }
  if (op.access_interface != interface_console && op.access_interface != interface_api &&
      op.access_interface != interface_both) {
    errors.push_back({"access_interface", "Must be console, api or both."});
  }
  if (op.locale != "pt-BR" && op.locale != "en-US") errors.push_back({"locale", "Must be pt-BR or en-US."});
  if (errors.empty()) return {};
  const std::string detail = errors.size() == 1 ? errors.front().message : "Some fields are invalid.";
  const bool only_email_conflict = errors.size() == 1 && errors.front().field == "email" &&
                                   errors.front().message.starts_with("Another");
  return Error{only_email_conflict ? ErrorCode::conflict : ErrorCode::invalid, detail, errors};
}

Status IdentityService::send_code(db::Transaction& tx, const Operator& op, const Tenant& tenant) {
  const std::int64_t now = clock_.now_us();
  const std::string code = random_numeric_code(6);
  const std::string purpose = op.email_confirmed ? "recovery" : "first_access";
  store::use_codes(tx, op.tenant_id, op.id, now);  // only the newest code works
  store::insert_code(tx, op.tenant_id, ids_.next(), op.id, purpose, token_hash(code),
                     now + settings_.code_valid_minutes * 60 * 1'000'000, now);
  email::Message message;
  message.tenant_id = op.tenant_id;
  message.to = op.email;
  message.locale = op.locale;
  message.template_name = op.email_confirmed ? "recovery_code" : "first_access_code";
  message.vars = {{"name", op.name},
                  {"code", code},
                  {"tenant_name", tenant.name},
                  {"valid_minutes", std::to_string(settings_.code_valid_minutes)},
                  {"link", settings_.console_url + "/first-access?email=" + url_encoded(op.email)}};
  auto queued = email_.queue(tx, message);
  if (!queued) return queued.error();
  return {};
}

Status IdentityService::email_checkers(db::Transaction& tx, std::int64_t tenant_id, Id maker_id,
                                       const std::string& permission, const std::string& action_label,
                                       const std::string& maker_name, Id request_id) {
  OperatorFilter filter;
  filter.status = "active";
  filter.limit = 500;
  for (const auto& op : store::list_operators(tx, tenant_id, filter, clock_.now_us())) {
    if (op.id == maker_id) continue;
    const auto granted = permissions_of(tx, tenant_id, op.role_id);
    if (!std::binary_search(granted.begin(), granted.end(), permission)) continue;
    email::Message message{tenant_id, op.email, "approval_requested", op.locale,
                           {{"name", op.name},
                            {"action", action_label},
                            {"maker", maker_name},
                            {"link", settings_.console_url + "/approvals/" + std::to_string(request_id)}}};
    if (auto queued = email_.queue(tx, message); !queued) return queued.error();
  }
  return {};
}

Status IdentityService::email_permitted(db::Transaction& tx, std::int64_t tenant_id, const std::string& permission,
                                        const std::string& template_name,
                                        const std::map<std::string, std::string>& vars) {
  OperatorFilter filter;
  filter.status = "active";
  filter.limit = 500;
  for (const auto& op : store::list_operators(tx, tenant_id, filter, clock_.now_us())) {
    const auto granted = permissions_of(tx, tenant_id, op.role_id);
    if (!std::binary_search(granted.begin(), granted.end(), permission)) continue;
    auto filled = vars;
    filled["name"] = op.name;
    if (auto queued = email_.queue(tx, email::Message{tenant_id, op.email, template_name, op.locale, filled});
        !queued) {
      return queued.error();
    }
  }
  return {};
}

Result<Operator> IdentityService::create_operator(const audit::Entry& who, const OperatorInput& in) {
  Operator op;
  op.tenant_id = who.tenant_id;
  op.name = in.name.value_or("");
  op.email = in.email.value_or("");
  if (in.phone) op.phone = *in.phone;
  op.role_id = in.role_id.value_or(0);
  op.access_interface = in.access_interface.value_or(interface_both);
  if (in.daily_query_limit) op.daily_query_limit = *in.daily_query_limit;
  if (in.monthly_query_limit) op.monthly_query_limit = *in.monthly_query_limit;
  op.locale = in.locale.value_or("pt-BR");
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Operator> {
    op.id = ids_.next();
    if (auto invalid = validate(tx, who.tenant_id, op, std::nullopt); !invalid) return invalid.error();
    store::insert_operator(tx, op, clock_.now_us());
    auto created = store::find_operator(tx, who.tenant_id, op.id);
    auto tenant = store::find_tenant(tx, who.tenant_id);
    if (!tenant) return Error::not_found("Tenant not found.");
    if (auto sent = send_code(tx, *created, *tenant); !sent) return sent.error();
    operator_changed(tx, who, "operator.created", op.id, "", operator_json(*created));
    return *created;
  });
}

Result<Operator> IdentityService::update_operator(const audit::Entry& who, Id id, const OperatorInput& in) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Operator> {
    auto before = store::find_operator(tx, who.tenant_id, id, true);
    if (!before) return Error::not_found("Operator not found.");
    Operator op = *before;
    if (in.name) op.name = *in.name;
    if (in.email) op.email = *in.email;
    if (in.phone) op.phone = *in.phone;
    if (in.role_id) op.role_id = *in.role_id;
    if (in.access_interface) op.access_interface = *in.access_interface;
    if (in.daily_query_limit) op.daily_query_limit = *in.daily_query_limit;
    if (in.monthly_query_limit) op.monthly_query_limit = *in.monthly_query_limit;
    if (in.locale) op.locale = *in.locale;
    if (auto invalid = validate(tx, who.tenant_id, op, id); !invalid) return invalid.error();
    if (who.actor_id && *who.actor_id == id && op.role_id != before->role_id) {
      return Error::invalid("role_id", "You cannot change your own role.");
    }
    store::update_operator(tx, op, clock_.now_us());
    auto after = store::find_operator(tx, who.tenant_id, id);
    operator_changed(tx, who, "operator.updated", id, operator_json(*before), operator_json(*after));
    return *after;
  });
}

Result<Operator> IdentityService::set_operator_enabled(const audit::Entry& who, Id id, bool enabled) {
  return db_.transact(db::TxMode::write,
                      [&](db::Transaction& tx) { return set_operator_enabled(tx, who, id, enabled); });
}

Result<Operator> IdentityService::set_operator_enabled(db::Transaction& tx, const audit::Entry& who, Id id,
                                                       bool enabled) {
  if (!enabled && who.actor_id && *who.actor_id == id) return Error::conflict("You cannot disable yourself.");
  auto before = store::find_operator(tx, who.tenant_id, id, true);
  if (!before) return Error::not_found("Operator not found.");
  const std::int64_t now = clock_.now_us();
  store::set_operator_status(tx, who.tenant_id, id, enabled ? "active" : "disabled", now);
  // A disabled operator loses access at once: sessions end (API keys check the status).
  if (!enabled) store::revoke_operator_sessions(tx, who.tenant_id, id, now);
  auto after = store::find_operator(tx, who.tenant_id, id);
  operator_changed(tx, who, enabled ? "operator.enabled" : "operator.disabled", id, operator_json(*before),
                   operator_json(*after));
  return *after;
}

Status IdentityService::delete_operator(const audit::Entry& who, Id id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) { return delete_operator(tx, who, id); });
}

Status IdentityService::delete_operator(db::Transaction& tx, const audit::Entry& who, Id id) {
  if (who.actor_id && *who.actor_id == id) return Error::conflict("You cannot delete yourself.");
  auto before = store::find_operator(tx, who.tenant_id, id, true);
  if (!before) return Error::not_found("Operator not found.");
  const std::int64_t now = clock_.now_us();
  store::soft_delete_operator(tx, who.tenant_id, id, who.actor_id.value_or(0), now);
  store::revoke_operator_sessions(tx, who.tenant_id, id, now);
  deleted::record_deletion(tx, ids_, now, who, record_type_operator, id, before->name + " <" + before->email + ">");
  operator_changed(tx, who, "operator.deleted", id, operator_json(*before), "");
  return {};
}

Result<Operator> IdentityService::restore_operator(db::Transaction& tx, const audit::Entry& who, Id id) {
  auto deleted = store::find_deleted_operator(tx, who.tenant_id, id);
  if (!deleted) return Error::not_found("Operator not found among deleted records.");
  // A deleted operator's e-mail is free for reuse (sign-in is by e-mail alone, among operators
  // not deleted), so restoring one whose e-mail was taken meanwhile must be refused.
  const Error taken{ErrorCode::conflict, "Another operator now uses this e-mail; change that operator's e-mail first.",
                    {{"email", "Another operator now uses this e-mail."}}};
  if (store::email_taken(tx, lower(deleted->email), std::nullopt)) return taken;
  try {
    store::restore_operator(tx, who.tenant_id, id, clock_.now_us());
  } catch (const db::DbError& e) {
    if (e.kind() == db::DbError::Kind::unique_violation) return taken;  // taken by a simultaneous writer
    throw;
  }
  return *store::find_operator(tx, who.tenant_id, id);
}

Result<Operator> IdentityService::find_operator(std::int64_t tenant_id, Id id) {
  auto op = db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::find_operator(tx, tenant_id, id); });
  if (!op) return Error::not_found("Operator not found.");
  return *op;
}

std::vector<Operator> IdentityService::list_operators(std::int64_t tenant_id, const OperatorFilter& filter) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    return store::list_operators(tx, tenant_id, filter, clock_.now_us());
  });
}

}  // namespace rg::identity
