#include "identity/auth.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "core/log.hpp"
#include "http/problem.hpp"
#include "identity/password_policy.hpp"
#include "identity/secrets.hpp"
#include "identity/store.hpp"
#include "identity/totp.hpp"

namespace rg::identity {

namespace {

// Sign-in answers the same for an unknown e-mail, a wrong password, a disabled operator and one
// who never set a password, so the endpoint cannot be used to discover accounts.
Error bad_credentials() {
  return Error{ErrorCode::unauthorized, "E-mail or password is incorrect.", {}};
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool is_safe_method(const std::string& method) { return method == "GET" || method == "HEAD"; }

// Routes an operator whose password expired may still call.
bool allowed_with_expired_password(const std::string& pattern) {
  return pattern == "/api/v1/me" || pattern == "/api/v1/me/password" || pattern == "/api/v1/auth/sign-out";
}

}  // namespace

std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return {};
}

AuthService::AuthService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                         email::EmailService& email, IdentityService& identity, AuthSettings settings)
    : db_(db), clock_(clock), ids_(ids), audit_(audit), email_(email), identity_(identity), settings_(settings) {}

void AuthService::audit_event(db::Transaction& tx, const http::Request& request, std::int64_t tenant_id,
                              std::string action, std::optional<Id> operator_id, std::string after_json) {
  auto entry = audit::entry_for(request, std::move(action), "operator", operator_id ? std::to_string(*operator_id) : "");
  entry.tenant_id = tenant_id;
  entry.after_json = std::move(after_json);
  audit_.append(tx, entry);
}

void AuthService::audit_event(db::Transaction& tx, const http::Request& request, const Operator& op,
                              std::string action) {
  auto entry = audit::entry_for(request, std::move(action), "operator", std::to_string(op.id));
  entry.tenant_id = op.tenant_id;
  if (!request.principal) {
    // Sign-in, codes and recovery happen before there is a principal: the operator is the actor.
    entry.actor_type = "operator";
    entry.actor_id = op.id;
    entry.actor_name = op.name;
  }
  audit_.append(tx, entry);
}

Result<http::Principal> AuthService::principal_for(db::Transaction& tx, const Operator& op) {
  auto tenant = store::find_tenant(tx, op.tenant_id);
  if (!tenant || tenant->status != "active") return bad_credentials();
  http::Principal p;
  p.tenant_id = op.tenant_id;
  p.operator_id = op.id;
  p.name = op.name;
  p.locale = op.locale;
  p.permissions = identity_.permissions_of(tx, op.tenant_id, op.role_id);
  const auto creds = store::credentials(tx, op.tenant_id, op.id);
  p.must_change_password =
      creds.password_changed_at_us && password_expired(*creds.password_changed_at_us, clock_.now_us());
  return p;
}

Result<SignInResult> AuthService::sign_in(const http::Request& request, const std::string& email_in,
                                          const std::string& password, const std::optional<std::string>& totp_code) {
  const std::string email = lower(email_in);
  const std::int64_t now = clock_.now_us();
  // Failures are recorded in their own transaction: they must stick even though sign-in fails.
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<SignInResult> {
    auto op = store::find_operator_by_email(tx, email);
    if (!op) {
      // Spend the same time as a real check, so response times do not reveal accounts.
      static const std::string dummy_hash = hash_password(random_token(16));
      verify_password(password, dummy_hash);
      return bad_credentials();
    }
    auto creds = store::credentials(tx, op->tenant_id, op->id);
    if (creds.locked_until_us && *creds.locked_until_us > now) {
      audit_event(tx, request, *op, "session.sign_in_locked");
      tx.commit();
      return Error{ErrorCode::rate_limited,
                   "Too many failed attempts. Try again after " + format_iso8601_utc(*creds.locked_until_us) + ".",
                   {}};
    }
    const bool password_ok = creds.password_hash && verify_password(password, *creds.password_hash);
    bool second_factor_ok = true;
    if (password_ok && creds.totp_enabled) {
      if (!totp_code || totp_code->empty()) {
        return Error{ErrorCode::unauthorized, "Enter the code from your authenticator app.",
                     {{"totp_code", "The authenticator code is required."}}};
      }
      // A code is accepted once: its time step must be newer than the last one used (no replay).
      const auto step = creds.totp_secret ? totp_match_step(*creds.totp_secret, *totp_code, now / 1'000'000)
                                          : std::nullopt;
      second_factor_ok = step && (!creds.totp_last_step || *step > *creds.totp_last_step);
      if (second_factor_ok) store::set_totp_last_step(tx, op->tenant_id, op->id, *step);
    }
    if (!password_ok || !second_factor_ok || op->status != "active") {
      const int failures = creds.failed_sign_ins + 1;
      std::optional<std::int64_t> locked;
      if (failures >= settings_.sign_in_failures_max) locked = now + settings_.lockout_ms * 1000;
      store::record_failed_sign_in(tx, op->tenant_id, op->id, locked ? 0 : failures, locked, now);
      audit_event(tx, request, *op, locked ? "session.locked_out" : "session.sign_in_failed");
      tx.commit();
      if (!second_factor_ok) {
        return Error{ErrorCode::unauthorized, "The authenticator code is not valid.",
                     {{"totp_code", "The authenticator code is not valid."}}};
      }
      return bad_credentials();
    }
    if (op->access_interface == interface_api) {
      audit_event(tx, request, *op, "session.sign_in_refused_api_only");
      tx.commit();
      return Error::forbidden("This operator may use the API only, not the console.");
    }
    auto principal = principal_for(tx, *op);
    if (!principal) return principal.error();
    store::record_sign_in(tx, op->tenant_id, op->id, now);
    SignInResult result{random_token(32), random_token(24), *op, principal->must_change_password};
    store::insert_session(tx, op->tenant_id, ids_.next(), op->id, token_hash(result.session_token), result.csrf_token,
                          now + settings_.session_absolute_ms * 1000, request.remote_address,
                          std::string(request.header("User-Agent")), now);
    audit_event(tx, request, *op, "session.signed_in");
    return result;
  });
}

Result<AuthService::Cached> AuthService::load_session(const std::string& hash) {
  const std::int64_t now = clock_.now_us();
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Cached> {
    auto session = store::find_session(tx, hash);
    if (!session) return Error{ErrorCode::unauthorized, "Your session has ended. Sign in again.", {}};
    if (session->expires_at_us <= now || session->last_seen_at_us + settings_.session_idle_ms * 1000 <= now) {
      store::revoke_session(tx, session->tenant_id, session->id, now);
      return Error{ErrorCode::unauthorized, "Your session has expired. Sign in again.", {}};
    }
    auto op = store::find_operator(tx, session->tenant_id, session->operator_id);
    if (!op || op->status != "active" || op->access_interface == interface_api) {
      store::revoke_session(tx, session->tenant_id, session->id, now);
      return Error{ErrorCode::unauthorized, "Your session has ended. Sign in again.", {}};
    }
    auto principal = principal_for(tx, *op);
    if (!principal) return principal.error();
    principal->session_id = session->id;
    std::int64_t last_seen = session->last_seen_at_us;
    if (now - last_seen >= settings_.session_touch_ms * 1000) {
      store::touch_session(tx, session->tenant_id, session->id, now);
      last_seen = now;
    }
    return Cached{std::make_shared<const http::Principal>(std::move(*principal)), session->csrf, last_seen,
                  session->expires_at_us, now};
  });
}

Result<AuthService::Cached> AuthService::load_api_key(const std::string& hash) {
  const std::int64_t now = clock_.now_us();
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Cached> {
    auto key = store::find_api_key_by_hash(tx, hash);
    if (!key || key->revoked_at_us) return Error{ErrorCode::unauthorized, "The API key is not valid.", {}};
    auto op = store::find_operator(tx, key->tenant_id, key->operator_id);
    if (!op || op->status != "active" || op->access_interface == interface_console) {
      return Error{ErrorCode::unauthorized, "The API key's operator may not use the API.", {}};
    }
    auto principal = principal_for(tx, *op);
    if (!principal) return principal.error();
    // A key can never do more than its operator's role allows now.
    std::vector<std::string> granted;
    std::set_intersection(principal->permissions.begin(), principal->permissions.end(), key->permissions.begin(),
                          key->permissions.end(), std::back_inserter(granted));
    principal->permissions = std::move(granted);
    principal->api_key_id = key->id;
    principal->must_change_password = false;  // keys do not expire with the password
    if (!key->last_used_at_us || now - *key->last_used_at_us >= settings_.session_touch_ms * 1000) {
      store::touch_api_key(tx, key->tenant_id, key->id, now);
    }
    return Cached{std::make_shared<const http::Principal>(std::move(*principal)), "", now, INT64_MAX, now};
  });
}

std::optional<http::Response> AuthService::authenticate(http::Request& request, const http::Route& route) {
  if (route.permission == http::permission_public) return std::nullopt;
  const auto unauthorized = [&](const std::string& detail) {
    return http::problem(Error{ErrorCode::unauthorized, detail, {}}, request.path, request.request_id);
  };
  std::string token;
  bool via_cookie = false;
  const std::string_view authorization = request.header("Authorization");
  if (authorization.starts_with("Bearer ")) {
    token = std::string(authorization.substr(7));
  } else {
    token = cookie_value(request.header("Cookie"), session_cookie);
    via_cookie = true;
  }
  if (token.empty()) return unauthorized("Sign in or send an API key.");
  const std::string hash = token_hash(token);
  const std::int64_t now = clock_.now_us();
  std::optional<Cached> cached;
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = cache_.find(hash); it != cache_.end() && now - it->second.cached_at_us < settings_.principal_cache_ms * 1000 &&
                                     (!via_cookie || now < it->second.session_last_seen_us + settings_.session_idle_ms * 1000)) {
      cached = it->second;
    }
  }
  if (!cached) {
    auto loaded = via_cookie ? load_session(hash) : load_api_key(hash);
    if (!loaded) return http::problem(loaded.error(), request.path, request.request_id);
    cached = *loaded;
    std::lock_guard lock(cache_mutex_);
    if (cache_.size() > 100'000) cache_.clear();  // bounded; entries are cheap to reload
    cache_[hash] = *cached;
  }
  if (via_cookie && !is_safe_method(request.method) &&
      !constant_time_equals(request.header("X-CSRF-Token"), cached->csrf)) {
    return http::problem(Error::forbidden("Missing or wrong X-CSRF-Token header."), request.path, request.request_id);
  }
  request.principal = cached->principal;
  if (cached->principal->must_change_password && !allowed_with_expired_password(route.pattern)) {
    return http::problem(Error{ErrorCode::forbidden, "Your password expired. Choose a new one to continue.",
                               {{"password", "expired"}}},
                         request.path, request.request_id);
  }
  if (route.permission == http::permission_authenticated || cached->principal->has(route.permission)) {
    return std::nullopt;
  }
  return http::problem(Error::forbidden("You need the permission '" + route.permission + "'."), request.path,
                       request.request_id);
}

std::string AuthService::csrf_for(const http::Request& request) {
  const std::string hash = token_hash(cookie_value(request.header("Cookie"), session_cookie));
  std::lock_guard lock(cache_mutex_);
  auto it = cache_.find(hash);
  return it == cache_.end() ? std::string() : it->second.csrf;
}

std::string AuthService::session_cookie_header(const std::string& token) const {
  return std::string(session_cookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(settings_.session_absolute_ms / 1000) + (settings_.cookie_secure ? "; Secure" : "");
}

std::string AuthService::clear_cookie_header() const {
  return std::string(session_cookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (settings_.cookie_secure ? "; Secure" : "");
}

void AuthService::forget_cached(std::int64_t tenant_id, Id operator_id) {
  std::lock_guard lock(cache_mutex_);
  for (auto it = cache_.begin(); it != cache_.end();) {
    if (it->second.principal->tenant_id == tenant_id && it->second.principal->operator_id == operator_id) {
      it = cache_.erase(it);
    } else {
      ++it;
    }
  }
}

Status AuthService::sign_out(const http::Request& request) {
  const auto& p = *request.principal;
  if (p.session_id == 0) return Error::invalid("session", "API keys have no session to end.");
  db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    store::revoke_session(tx, p.tenant_id, p.session_id, clock_.now_us());
    audit_event(tx, request, p.tenant_id, "session.signed_out", p.operator_id);
  });
  std::lock_guard lock(cache_mutex_);
  cache_.erase(token_hash(cookie_value(request.header("Cookie"), session_cookie)));
  return {};
}

Result<std::int64_t> AuthService::sign_out_everywhere(const http::Request& request) {
  const auto& p = *request.principal;
  const auto ended = db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    const auto n = store::revoke_operator_sessions(tx, p.tenant_id, p.operator_id, clock_.now_us());
    audit_event(tx, request, p.tenant_id, "session.signed_out_everywhere", p.operator_id,
                "{\"sessions_ended\":" + std::to_string(n) + "}");
    return n;
  });
  forget_cached(p.tenant_id, p.operator_id);
  return ended;
}

Status AuthService::request_code(const http::Request& request, const std::string& email) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto op = store::find_operator_by_email(tx, lower(email));
    if (!op || op->status != "active") return {};
    // The endpoint is public and must not become a mail cannon: a few codes per window, then
    // silence (the answer stays the same, so nothing is revealed).
    const std::int64_t window_start = clock_.now_us() - settings_.code_window_ms * 1000;
    if (store::codes_sent_since(tx, op->tenant_id, op->id, window_start) >= settings_.codes_per_window_max) {
      audit_event(tx, request, *op, "password.code_throttled");
      return {};
    }
    auto tenant = store::find_tenant(tx, op->tenant_id);
    if (!tenant) return {};
    if (auto sent = identity_.send_code(tx, *op, *tenant); !sent) return sent.error();
    audit_event(tx, request, *op, op->email_confirmed ? "password.recovery_requested" : "email.code_requested");
    return {};
  });
}

Status AuthService::check_new_password(db::Transaction& tx, const Operator& op, const std::string& password,
                                       const store::Credentials& creds) {
  auto tenant = store::find_tenant(tx, op.tenant_id);
  const PasswordContext context{op.name, op.email, tenant ? tenant->name : "", tenant ? tenant->email : ""};
  if (auto valid = validate_password(password, context); !valid) return valid.error();
  // Seed 002: the new password may not repeat the previous one (nor the current one).
  for (const auto& old : {creds.password_hash, creds.previous_password_hash}) {
    if (old && verify_password(password, *old)) {
      return Error::invalid("password", "Choose a password different from the previous one.");
    }
  }
  return {};
}

Status AuthService::confirm_code(const http::Request& request, const std::string& email, const std::string& code,
                                 const std::string& new_password) {
  const std::int64_t now = clock_.now_us();
  const Error wrong_code = Error::invalid("code", "The code is wrong or expired. Ask for a new one.");
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto op = store::find_operator_by_email(tx, lower(email));
    if (!op || op->status != "active") return wrong_code;
    auto latest = store::latest_code(tx, op->tenant_id, op->id);
    if (!latest || latest->expires_at_us <= now || latest->attempts >= settings_.code_attempts_max) return wrong_code;
    if (!constant_time_equals(token_hash(code), latest->code_hash)) {
      store::count_code_attempt(tx, op->tenant_id, latest->id);
      audit_event(tx, request, *op, "password.code_rejected");
      tx.commit();
      return wrong_code;
    }
    const auto creds = store::credentials(tx, op->tenant_id, op->id);
    if (auto ok = check_new_password(tx, *op, new_password, creds); !ok) return ok.error();
    store::set_password(tx, op->tenant_id, op->id, hash_password(new_password), creds.password_hash, now);
    store::use_codes(tx, op->tenant_id, op->id, now);
    store::revoke_operator_sessions(tx, op->tenant_id, op->id, now);
    audit_event(tx, request, *op, latest->purpose == "first_access" ? "email.confirmed_and_password_set" : "password.reset");
    forget_cached(op->tenant_id, op->id);
    return {};
  });
}

Result<Operator> AuthService::current_operator(db::Transaction& tx, const http::Request& request) {
  auto op = store::find_operator(tx, request.principal->tenant_id, request.principal->operator_id, true);
  if (!op) return Error::not_found("Operator not found.");
  return *op;
}

Status AuthService::change_password(const http::Request& request, const std::string& current, const std::string& next) {
  const std::int64_t now = clock_.now_us();
  auto result = db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto op = current_operator(tx, request);
    if (!op) return op.error();
    const auto creds = store::credentials(tx, op->tenant_id, op->id);
    if (!creds.password_hash || !verify_password(current, *creds.password_hash)) {
      return Error::invalid("current_password", "The current password is not correct.");
    }
    if (auto ok = check_new_password(tx, *op, next, creds); !ok) return ok.error();
    store::set_password(tx, op->tenant_id, op->id, hash_password(next), creds.password_hash, now);
    audit_event(tx, request, *op, "password.changed");
    email::Message message{op->tenant_id, op->email, "password_changed", op->locale,
                           {{"name", op->name}, {"when", format_br_datetime_sao_paulo(now)}}};
    if (auto queued = email_.queue(tx, message); !queued) return queued.error();
    return {};
  });
  if (result) forget_cached(request.principal->tenant_id, request.principal->operator_id);
  return result;
}

Result<AuthService::TotpEnrollment> AuthService::totp_enroll(const http::Request& request) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<TotpEnrollment> {
    auto op = current_operator(tx, request);
    if (!op) return op.error();
    if (op->totp_enabled) return Error::conflict("Two-factor authentication is already on.");
    const std::string secret = new_totp_secret();
    store::set_totp(tx, op->tenant_id, op->id, secret, false, clock_.now_us());
    audit_event(tx, request, *op, "totp.enrollment_started");
    return TotpEnrollment{secret, totp_uri(secret, op->email)};
  });
}

Status AuthService::totp_confirm(const http::Request& request, const std::string& code) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto op = current_operator(tx, request);
    if (!op) return op.error();
    const auto creds = store::credentials(tx, op->tenant_id, op->id);
    if (!creds.totp_secret || creds.totp_enabled) return Error::conflict("Start the enrolment first.");
    if (!totp_verify(*creds.totp_secret, code, clock_.now_us() / 1'000'000)) {
      return Error::invalid("code", "The code does not match. Check the time on your phone and try again.");
    }
    store::set_totp(tx, op->tenant_id, op->id, creds.totp_secret, true, clock_.now_us());
    audit_event(tx, request, *op, "totp.enabled");
    return {};
  });
}

Status AuthService::totp_disable(const http::Request& request, const std::string& password) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto op = current_operator(tx, request);
    if (!op) return op.error();
    const auto creds = store::credentials(tx, op->tenant_id, op->id);
    if (!creds.password_hash || !verify_password(password, *creds.password_hash)) {
      return Error::invalid("password", "The password is not correct.");
    }
    store::set_totp(tx, op->tenant_id, op->id, std::nullopt, false, clock_.now_us());
    audit_event(tx, request, *op, "totp.disabled");
    return {};
  });
}

Result<NewApiKey> AuthService::create_api_key(const http::Request& request, const std::string& name,
                                              std::optional<Id> operator_id, std::vector<std::string> permissions) {
  const auto& p = *request.principal;
  std::sort(permissions.begin(), permissions.end());
  permissions.erase(std::unique(permissions.begin(), permissions.end()), permissions.end());
  // Scoped to a subset of the creator's own permissions.
  for (const auto& perm : permissions) {
    if (!p.has(perm)) return Error::invalid("permissions", "You cannot grant '" + perm + "', which you do not hold.");
  }
  if (permissions.empty()) return Error::invalid("permissions", "Choose at least one permission.");
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<NewApiKey> {
    auto owner = store::find_operator(tx, p.tenant_id, operator_id.value_or(p.operator_id));
    if (!owner) return Error::invalid("operator_id", "Unknown operator.");
    if (owner->access_interface == interface_console) {
      return Error::invalid("operator_id", "This operator may use the console only; set the access interface to API.");
    }
    NewApiKey created;
    created.secret = "rgk_" + random_token(32);
    created.key = store::ApiKeyRow{p.tenant_id, ids_.next(), owner->id, owner->name, name,
                                   created.secret.substr(0, 12), permissions, p.operator_id, clock_.now_us(), {}, {}};
    store::insert_api_key(tx, created.key, token_hash(created.secret));
    auto entry = audit::entry_for(request, "api_key.created", "api_key", std::to_string(created.key.id));
    entry.after_json = "{\"name\":" + boost::json::serialize(boost::json::value(name)) + ",\"operator_id\":\"" +
                       std::to_string(owner->id) + "\",\"permissions\":\"" + store::join_permissions(permissions) + "\"}";
    audit_.append(tx, entry);
    return created;
  });
}

std::vector<store::ApiKeyRow> AuthService::api_keys(std::int64_t tenant_id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::list_api_keys(tx, tenant_id); });
}

Status AuthService::revoke_api_key(const http::Request& request, Id id) {
  const auto& p = *request.principal;
  auto result = db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto key = store::find_api_key(tx, p.tenant_id, id);
    if (!key) return Error::not_found("API key not found.");
    if (key->revoked_at_us) return Error::conflict("The key is already revoked.");
    store::revoke_api_key(tx, p.tenant_id, id, p.operator_id, clock_.now_us());
    audit_.append(tx, audit::entry_for(request, "api_key.revoked", "api_key", std::to_string(id)));
    return {};
  });
  if (result) {
    std::lock_guard lock(cache_mutex_);
    for (auto it = cache_.begin(); it != cache_.end();) {
      it = it->second.principal->api_key_id == id ? cache_.erase(it) : std::next(it);
    }
  }
  return result;
}

}  // namespace rg::identity
