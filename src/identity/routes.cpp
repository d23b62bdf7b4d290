// HTTP for identity: sign-in and sessions, the profile, operators, roles, permissions, API keys.
// Handlers only translate between JSON and the services.
#include "identity/routes.hpp"

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "http/json.hpp"
#include "identity/approval_actions.hpp"
#include "identity/store.hpp"
#include "platform/approvals/routes.hpp"

namespace rg::identity {

namespace {

namespace json = boost::json;
using http::FieldReader;
using http::Request;
using http::Response;

json::value parsed(const std::string& text) { return json::parse(text); }

json::value operator_value(const Operator& op) { return parsed(operator_json(op)); }

Response render(const Request& req, const Result<Operator>& op, int status = 200) {
  if (!op) return http::problem_for(req, op.error());
  return http::json(operator_value(*op), status);
}

Response no_content() {
  Response r;
  r.status = 204;
  return r;
}

Response status_response(const Request& req, const Status& s) {
  return s ? no_content() : http::problem_for(req, s.error());
}

Result<Id> path_id(const Request& req, std::string_view name = "id") {
  auto id = parse_id(req.param(name));
  if (!id) return Error::not_found("Not found.");
  return *id;
}

std::optional<Id> id_field(FieldReader& in, std::string_view key, bool required) {
  auto text = in.text(key, {.required = required, .max_length = 20});
  if (!text) return std::nullopt;
  auto id = parse_id(*text);
  if (!id) in.fail(std::string(key), "Must be an id.");
  return id;
}

Result<OperatorInput> operator_input(const Request& req) {
  auto body = http::parse_object(req);
  if (!body) return body.error();
  FieldReader in(*body);
  OperatorInput input;
  // Only types are checked here; the service validates values, so one 400 names every bad field.
  input.name = in.text("name", {.max_length = 1000});
  input.email = in.text("email", {.max_length = 1000});
  if (in.has("phone")) input.phone = in.text("phone", {.max_length = 30});
  input.role_id = id_field(in, "role_id", false);
  input.access_interface = in.text("access_interface", {.max_length = 20});
  if (in.has("daily_query_limit")) input.daily_query_limit = in.integer("daily_query_limit", {.min = 0, .max = 10'000'000});
  if (in.has("monthly_query_limit")) {
    input.monthly_query_limit = in.integer("monthly_query_limit", {.min = 0, .max = 10'000'000});
  }
  input.locale = in.text("locale", {.max_length = 10});
  if (auto error = in.error()) return *error;
  return input;
}

json::object me_json(const Operator& op, const http::Principal& p, const std::string& csrf) {
  json::object o = operator_value(op).as_object();
  json::array permissions;
  for (const auto& perm : p.permissions) permissions.push_back(json::value(perm));
  o["permissions"] = std::move(permissions);
  o["tenant_id"] = std::to_string(p.tenant_id);
  o["must_change_password"] = p.must_change_password;
  if (!csrf.empty()) o["csrf_token"] = csrf;
  return o;
}

json::object api_key_json(const store::ApiKeyRow& k) {
  json::array permissions;
  for (const auto& p : k.permissions) permissions.push_back(json::value(p));
  return {{"id", std::to_string(k.id)},
          {"name", k.name},
          {"prefix", k.prefix},
          {"operator_id", std::to_string(k.operator_id)},
          {"operator_name", k.operator_name},
          {"permissions", std::move(permissions)},
          {"created_at", format_iso8601_utc(k.created_at_us)},
          {"last_used_at", k.last_used_at_us ? json::value(format_iso8601_utc(*k.last_used_at_us)) : nullptr},
          {"revoked_at", k.revoked_at_us ? json::value(format_iso8601_utc(*k.revoked_at_us)) : nullptr},
          {"status", k.revoked_at_us ? "revoked" : "active"}};
}

Result<OperatorFilter> operator_filter(const Request& req) {
  http::QueryReader q(req);
  OperatorFilter f;
  const auto page = q.page();
  f.limit = page.size;
  f.after_id = page.cursor;
  f.text = q.text("q");
  f.status = q.one_of("status", {"active", "disabled"}, "Must be active or disabled.");
  f.role_id = q.id("role_id");
  f.access_interface =
      q.one_of("access_interface", {interface_console, interface_api, interface_both}, "Must be console, api or both.");
  f.email_confirmed = q.boolean("email_confirmed");
  if (auto days = q.integer("inactive_days", 1, 3650, "Must be 1 to 3650.")) f.inactive_days = static_cast<int>(*days);
  f.tag_id = q.id("tag", "Must be a tag id.");
  if (auto error = q.error()) return *error;
  return f;
}

void add_auth_routes(http::Router& router, AuthService& auth, IdentityService& identity) {
  router.add("POST", "/api/v1/auth/sign-in", http::permission_public, "Sign in to the console", [&](Request& req) {
    auto body = http::parse_object(req);
    if (!body) return http::problem_for(req, body.error());
    FieldReader in(*body);
    auto email = in.text("email", {.required = true, .max_length = 254});
    auto password = in.text("password", {.required = true, .max_length = 200, .trim = false});
    auto totp = in.text("totp_code", {.max_length = 10});
    if (auto error = in.error()) return http::problem_for(req, *error);
    auto result = auth.sign_in(req, *email, *password, totp);
    if (!result) {
      Response r = http::problem_for(req, result.error());
      if (result.error().code == ErrorCode::rate_limited) r.set_header("Retry-After", "900");
      return r;
    }
    http::Principal p;
    p.tenant_id = result->op.tenant_id;
    p.must_change_password = result->must_change_password;
    auto body_out = me_json(result->op, p, result->csrf_token);
    body_out.erase("permissions");
    Response r = http::json(body_out);
    r.set_header("Set-Cookie", auth.session_cookie_header(result->session_token));
    return r;
  });
  router.add("POST", "/api/v1/auth/sign-out", http::permission_authenticated, "End this session", [&](Request& req) {
    auto s = auth.sign_out(req);
    Response r = status_response(req, s);
    if (s) r.set_header("Set-Cookie", auth.clear_cookie_header());
    return r;
  });
  router.add("POST", "/api/v1/auth/sign-out-everywhere", http::permission_authenticated,
             "End every session of the signed-in operator", [&](Request& req) {
               auto n = auth.sign_out_everywhere(req);
               if (!n) return http::problem_for(req, n.error());
               Response r = http::json(json::object{{"sessions_ended", *n}});
               r.set_header("Set-Cookie", auth.clear_cookie_header());
               return r;
             });
  router.add("POST", "/api/v1/auth/codes", http::permission_public,
             "E-mail a one-time code (first access or password recovery)", [&](Request& req) {
               auto body = http::parse_object(req);
               if (!body) return http::problem_for(req, body.error());
               FieldReader in(*body);
               auto email = in.text("email", {.required = true, .max_length = 254});
               if (auto error = in.error()) return http::problem_for(req, *error);
               auto s = auth.request_code(req, *email);
               if (!s) return http::problem_for(req, s.error());
               return http::json(json::object{{"sent", true}}, 202);
             });
  router.add("POST", "/api/v1/auth/codes/confirm", http::permission_public,
             "Confirm the e-mailed code and choose a password", [&](Request& req) {
               auto body = http::parse_object(req);
               if (!body) return http::problem_for(req, body.error());
               FieldReader in(*body);
               auto email = in.text("email", {.required = true, .max_length = 254});
               auto code = in.text("code", {.required = true, .max_length = 12});
               auto password = in.text("password", {.required = true, .max_length = 200, .trim = false});
               if (auto error = in.error()) return http::problem_for(req, *error);
               return status_response(req, auth.confirm_code(req, *email, *code, *password));
             });
  router.add("GET", "/api/v1/me", http::permission_authenticated, "The signed-in operator", [&](Request& req) {
    auto op = identity.find_operator(req.principal->tenant_id, req.principal->operator_id);
    if (!op) return http::problem_for(req, op.error());
    return http::json(me_json(*op, *req.principal, auth.csrf_for(req)));
  });
  router.add("POST", "/api/v1/me/password", http::permission_authenticated, "Change one's own password",
             [&](Request& req) {
               auto body = http::parse_object(req);
               if (!body) return http::problem_for(req, body.error());
               FieldReader in(*body);
               auto current = in.text("current_password", {.required = true, .max_length = 200, .trim = false});
               auto next = in.text("new_password", {.required = true, .max_length = 200, .trim = false});
               if (auto error = in.error()) return http::problem_for(req, *error);
               return status_response(req, auth.change_password(req, *current, *next));
             });
  router.add("POST", "/api/v1/me/totp", http::permission_authenticated, "Start enrolling a TOTP second factor",
             [&](Request& req) {
               auto e = auth.totp_enroll(req);
               if (!e) return http::problem_for(req, e.error());
               return http::json(json::object{{"secret", e->secret}, {"otpauth_uri", e->uri}}, 201);
             });
  router.add("POST", "/api/v1/me/totp/confirm", http::permission_authenticated,
             "Confirm TOTP enrolment with a first code", [&](Request& req) {
               auto body = http::parse_object(req);
               if (!body) return http::problem_for(req, body.error());
               FieldReader in(*body);
               auto code = in.text("code", {.required = true, .max_length = 10});
               if (auto error = in.error()) return http::problem_for(req, *error);
               return status_response(req, auth.totp_confirm(req, *code));
             });
  router.add("POST", "/api/v1/me/totp/disable", http::permission_authenticated, "Turn the TOTP second factor off",
             [&](Request& req) {
               auto body = http::parse_object(req);
               if (!body) return http::problem_for(req, body.error());
               FieldReader in(*body);
               auto password = in.text("password", {.required = true, .max_length = 200, .trim = false});
               if (auto error = in.error()) return http::problem_for(req, *error);
               return status_response(req, auth.totp_disable(req, *password));
             });
}

void add_operator_routes(http::Router& router, IdentityService& identity, AuthService& auth,
                         approvals::ApprovalEngine& engine) {
  router.add("GET", "/api/v1/operators", perm::operators_read, "List operators", [&](Request& req) {
    auto filter = operator_filter(req);
    if (!filter) return http::problem_for(req, filter.error());
    const int limit = filter->limit;
    filter->limit = limit + 1;
    auto ops = identity.list_operators(req.principal->tenant_id, *filter);
    json::array items;
    for (std::size_t i = 0; i < ops.size() && i < static_cast<std::size_t>(limit); ++i) {
      items.push_back(operator_value(ops[i]));
    }
    json::value next = nullptr;
    if (ops.size() > static_cast<std::size_t>(limit)) next = json::value(std::to_string(ops[limit - 1].id));
    return http::json(json::object{{"items", std::move(items)}, {"next_cursor", next}});
  });
  router.add("POST", "/api/v1/operators", perm::operators_write, "Create an operator", [&](Request& req) {
    auto input = operator_input(req);
    if (!input) return http::problem_for(req, input.error());
    return render(req, identity.create_operator(audit::entry_for(req, ""), *input), 201);
  });
  router.add("GET", "/api/v1/operators/{id}", perm::operators_read, "One operator", [&](Request& req) {
    auto id = path_id(req);
    if (!id) return http::problem_for(req, id.error());
    return render(req, identity.find_operator(req.principal->tenant_id, *id));
  });
  router.add("PATCH", "/api/v1/operators/{id}", perm::operators_write, "Update an operator", [&](Request& req) {
    auto id = path_id(req);
    if (!id) return http::problem_for(req, id.error());
    auto input = operator_input(req);
    if (!input) return http::problem_for(req, input.error());
    auto op = identity.update_operator(audit::entry_for(req, ""), *id, *input);
    if (op) auth.forget_cached(req.principal->tenant_id, *id);
    return render(req, op);
  });
  // Enable, disable and delete go through maker-checker when the tenant requires approval.
  const auto submit = [&](Request& req, const char* action, const std::string& verb_pt) {
    auto id = path_id(req);
    if (!id) return http::problem_for(req, id.error());
    auto op = identity.find_operator(req.principal->tenant_id, *id);
    if (!op) return http::problem_for(req, op.error());
    if (*id == req.principal->operator_id && std::string(action) != action_operator_enable) {
      return http::problem_for(req, Error::conflict("You cannot do this to yourself."));
    }
    auto submitted = engine.submit(audit::entry_for(req, ""), action, "operator", std::to_string(*id),
                                   operator_payload(*id), verb_pt + " " + op->name + " (" + op->email + ")");
    if (submitted && submitted->executed) auth.forget_cached(req.principal->tenant_id, *id);
    return approvals::submitted_response(req, submitted);
  };
  router.add("POST", "/api/v1/operators/{id}/enable", perm::operators_disable, "Enable an operator",
             [submit](Request& req) { return submit(req, action_operator_enable, "Habilitar"); });
  router.add("POST", "/api/v1/operators/{id}/disable", perm::operators_disable, "Disable an operator",
             [submit](Request& req) { return submit(req, action_operator_disable, "Desabilitar"); });
  router.add("POST", "/api/v1/operators/{id}/send-code", perm::operators_write,
             "E-mail the operator a new first-access or recovery code", [&](Request& req) {
               auto id = path_id(req);
               if (!id) return http::problem_for(req, id.error());
               auto op = identity.find_operator(req.principal->tenant_id, *id);
               if (!op) return http::problem_for(req, op.error());
               if (op->status != "active") {
                 return http::problem_for(req, Error::conflict("The operator is disabled; enable them first."));
               }
               return status_response(req, auth.request_code(req, op->email));
             });
  router.add("DELETE", "/api/v1/operators/{id}", perm::operators_delete, "Delete an operator",
             [submit](Request& req) { return submit(req, action_operator_delete, "Excluir"); });
}

void add_role_routes(http::Router& router, IdentityService& identity) {
  router.add("GET", "/api/v1/permissions", perm::roles_read, "Every permission, for the roles screen",
             [&](Request& req) {
               json::array items;
               const bool platform = identity.is_platform_tenant(req.principal->tenant_id);
               for (const auto& p : identity.registry().all()) {
                 if (p.platform && !platform) continue;  // grantable only in the platform tenant
                 items.push_back(json::object{{"code", p.code},
                                              {"group", p.group},
                                              {"label_pt", p.label_pt},
                                              {"label_en", p.label_en},
                                              {"sensitive", p.sensitive}});
               }
               return http::json(json::object{{"items", std::move(items)}});
             });
  router.add("GET", "/api/v1/roles", perm::roles_read, "Roles of the tenant", [&](Request& req) {
    json::array items;
    for (const auto& r : identity.roles(req.principal->tenant_id)) items.push_back(parsed(role_json(r)));
    return http::json(json::object{{"items", std::move(items)}});
  });
  const auto read_role_body = [](const Request& req, bool creating)
      -> Result<std::pair<std::optional<std::string>, std::optional<std::vector<std::string>>>> {
    auto body = http::parse_object(req);
    if (!body) return body.error();
    FieldReader in(*body);
    auto name = in.text("name", {.required = creating, .min_length = 1, .max_length = 80});
    auto permissions = in.strings("permissions", creating);
    if (auto error = in.error()) return *error;
    return std::pair{name, permissions};
  };
  router.add("POST", "/api/v1/roles", perm::roles_write, "Create a custom role", [&, read_role_body](Request& req) {
    auto in = read_role_body(req, true);
    if (!in) return http::problem_for(req, in.error());
    auto role = identity.create_role(audit::entry_for(req, ""), *in->first, *in->second);
    if (!role) return http::problem_for(req, role.error());
    return http::json(parsed(role_json(*role)), 201);
  });
  router.add("PATCH", "/api/v1/roles/{id}", perm::roles_write, "Rename a custom role or set its permissions",
             [&, read_role_body](Request& req) {
               auto id = path_id(req);
               if (!id) return http::problem_for(req, id.error());
               auto in = read_role_body(req, false);
               if (!in) return http::problem_for(req, in.error());
               auto role = identity.update_role(audit::entry_for(req, ""), *id, in->first, in->second);
               if (!role) return http::problem_for(req, role.error());
               return http::json(parsed(role_json(*role)));
             });
  router.add("DELETE", "/api/v1/roles/{id}", perm::roles_write, "Delete an unused custom role", [&](Request& req) {
    auto id = path_id(req);
    if (!id) return http::problem_for(req, id.error());
    return status_response(req, identity.delete_role(audit::entry_for(req, ""), *id));
  });
}

void add_api_key_routes(http::Router& router, AuthService& auth) {
  router.add("GET", "/api/v1/api-keys", perm::api_keys_read, "API keys of the tenant", [&](Request& req) {
    json::array items;
    for (const auto& k : auth.api_keys(req.principal->tenant_id)) items.push_back(api_key_json(k));
    return http::json(json::object{{"items", std::move(items)}});
  });
  router.add("POST", "/api/v1/api-keys", perm::api_keys_write, "Create an API key (the secret is shown once)",
             [&](Request& req) {
               auto body = http::parse_object(req);
               if (!body) return http::problem_for(req, body.error());
               FieldReader in(*body);
               auto name = in.text("name", {.required = true, .min_length = 1, .max_length = 80});
               auto owner = id_field(in, "operator_id", false);
               auto permissions = in.strings("permissions", true);
               if (auto error = in.error()) return http::problem_for(req, *error);
               auto created = auth.create_api_key(req, *name, owner, *permissions);
               if (!created) return http::problem_for(req, created.error());
               json::object out = api_key_json(created->key);
               out["secret"] = created->secret;
               return http::json(out, 201);
             });
  router.add("DELETE", "/api/v1/api-keys/{id}", perm::api_keys_write, "Revoke an API key", [&](Request& req) {
    auto id = path_id(req);
    if (!id) return http::problem_for(req, id.error());
    return status_response(req, auth.revoke_api_key(req, *id));
  });
}

}  // namespace

void register_identity_routes(http::Router& router, IdentityService& identity, AuthService& auth,
                              approvals::ApprovalEngine& engine) {
  add_auth_routes(router, auth, identity);
  add_operator_routes(router, identity, auth, engine);
  add_role_routes(router, identity);
  add_api_key_routes(router, auth);
  router.add("GET", "/api/v1/tenant", perm::tenant_read, "The signed-in operator's institution", [&](Request& req) {
    auto t = identity.tenant(req.principal->tenant_id);
    if (!t) return http::problem_for(req, t.error());
    return http::json(json::object{{"id", std::to_string(t->id)},
                                   {"name", t->name},
                                   {"email", t->email},
                                   {"status", t->status},
                                   {"locale", t->locale},
                                   {"created_at", format_iso8601_utc(t->created_at_us)}});
  });
}

std::vector<exports::ListExport> identity_exports() {
  using exports::ColumnType;
  return {
      {"/api/v1/operators", "operators", "Operadores", "Operators",
       {{"name", "Nome", "Name", ColumnType::text, 30},
        {"email", "E-mail", "E-mail", ColumnType::text, 30},
        {"phone", "Telefone", "Phone", ColumnType::text, 16},
        {"role_name", "Perfil", "Role", ColumnType::text, 20},
        {"access_interface", "Interface de acesso", "Access interface", ColumnType::text, 14},
        {"status", "Status", "Status", ColumnType::text, 10},
        {"email_confirmed", "E-mail confirmado", "E-mail confirmed", ColumnType::boolean},
        {"totp_enabled", "Dois fatores", "Two-factor", ColumnType::boolean},
        {"daily_query_limit", "Limite diário de consultas", "Daily query limit", ColumnType::integer},
        {"monthly_query_limit", "Limite mensal de consultas", "Monthly query limit", ColumnType::integer},
        {"last_sign_in_at", "Último acesso", "Last sign-in", ColumnType::datetime},
        {"created_at", "Criado em", "Created at", ColumnType::datetime}},
       {}},
      {"/api/v1/roles", "roles", "Perfis", "Roles",
       {{"name", "Nome", "Name", ColumnType::text, 24},
        {"code", "Código", "Code", ColumnType::text, 14},
        {"built_in", "Padrão", "Built-in", ColumnType::boolean},
        {"permissions", "Permissões", "Permissions", ColumnType::text, 60}},
       {}},
      {"/api/v1/api-keys", "api_keys", "Chaves de API", "API keys",
       {{"name", "Nome", "Name", ColumnType::text, 24},
        {"prefix", "Prefixo", "Prefix", ColumnType::text, 14},
        {"operator_name", "Operador", "Operator", ColumnType::text, 24},
        {"status", "Status", "Status", ColumnType::text, 10},
        {"permissions", "Permissões", "Permissions", ColumnType::text, 50},
        {"created_at", "Criada em", "Created at", ColumnType::datetime},
        {"last_used_at", "Último uso", "Last used", ColumnType::datetime},
        {"revoked_at", "Revogada em", "Revoked at", ColumnType::datetime}},
       {}},
  };
}

}  // namespace rg::identity
