#pragma once
// Sign-in, console sessions, one-time codes, password changes, TOTP and API keys (PLT-03,
// PLT-05), and the authentication middleware every route goes through.
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/pipeline.hpp"
#include "http/request.hpp"
#include "identity/service.hpp"
#include "identity/store.hpp"

namespace rg::identity {

struct AuthSettings {
  std::int64_t session_idle_ms = 30LL * 60 * 1000;          // 30 min without a request ends a session
  std::int64_t session_absolute_ms = 12LL * 60 * 60 * 1000;  // and none lives longer than 12 h
  std::int64_t session_touch_ms = 60'000;                   // last_seen is written at most once a minute
  std::int64_t principal_cache_ms = 5'000;                  // how stale a cached session may be
  int sign_in_failures_max = 5;                             // then a temporary lockout
  std::int64_t lockout_ms = 15LL * 60 * 1000;
  int code_attempts_max = 5;
  int codes_per_window_max = 5;  // e-mailed codes per operator per window; more are dropped
  std::int64_t code_window_ms = 15LL * 60 * 1000;
  bool cookie_secure = false;  // set behind TLS (the balancer); adds the Secure attribute
};

inline constexpr const char* session_cookie = "rg_session";

struct SignInResult {
  std::string session_token;  // goes only into the HttpOnly cookie
  std::string csrf_token;
  Operator op;
  bool must_change_password = false;
};

struct NewApiKey {
  store::ApiKeyRow key;
  std::string secret;  // shown once
};

class AuthService {
 public:
  AuthService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
              email::EmailService& email, IdentityService& identity, AuthSettings settings);

  Result<SignInResult> sign_in(const http::Request& request, const std::string& email, const std::string& password,
                               const std::optional<std::string>& totp_code);
  Status sign_out(const http::Request& request);
  Result<std::int64_t> sign_out_everywhere(const http::Request& request);

  // Always succeeds from the caller's point of view (no account enumeration).
  Status request_code(const http::Request& request, const std::string& email);
  Status confirm_code(const http::Request& request, const std::string& email, const std::string& code,
                      const std::string& new_password);
  Status change_password(const http::Request& request, const std::string& current, const std::string& next);

  struct TotpEnrollment {
    std::string secret;
    std::string uri;
  };
  Result<TotpEnrollment> totp_enroll(const http::Request& request);
  Status totp_confirm(const http::Request& request, const std::string& code);
  Status totp_disable(const http::Request& request, const std::string& password);

  Result<NewApiKey> create_api_key(const http::Request& request, const std::string& name, std::optional<Id> operator_id,
                                   std::vector<std::string> permissions);
  std::vector<store::ApiKeyRow> api_keys(std::int64_t tenant_id);
  Status revoke_api_key(const http::Request& request, Id id);

  // The middleware: resolves the principal (API key or session cookie), enforces CSRF on
  // cookie writes, the forced password change, and the route's permission.
  std::optional<http::Response> authenticate(http::Request& request, const http::Route& route);
  std::string csrf_for(const http::Request& request);
  std::string session_cookie_header(const std::string& token) const;
  std::string clear_cookie_header() const;
  void forget_cached(std::int64_t tenant_id, Id operator_id);

 private:
  struct Cached {
    std::shared_ptr<const http::Principal> principal;
    std::string csrf;
    std::int64_t session_last_seen_us = 0;
    std::int64_t session_expires_us = 0;
    std::int64_t cached_at_us = 0;
  };
  Result<Cached> load_session(const std::string& token_hash);
  Result<Cached> load_api_key(const std::string& token_hash);
  Result<http::Principal> principal_for(db::Transaction& tx, const Operator& op);
  Status check_new_password(db::Transaction& tx, const Operator& op, const std::string& password,
                            const store::Credentials& credentials);
  Result<Operator> current_operator(db::Transaction& tx, const http::Request& request);
  void audit_event(db::Transaction& tx, const http::Request& request, std::int64_t tenant_id, std::string action,
                   std::optional<Id> operator_id, std::string after_json = "");
  void audit_event(db::Transaction& tx, const http::Request& request, const Operator& op, std::string action);

  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  audit::AuditLog& audit_;
  email::EmailService& email_;
  IdentityService& identity_;
  AuthSettings settings_;
  std::mutex cache_mutex_;
  std::unordered_map<std::string, Cached> cache_;  // token hash → principal
};

// The cookie value named `name`, or empty.
std::string cookie_value(std::string_view cookie_header, std::string_view name);

}  // namespace rg::identity
