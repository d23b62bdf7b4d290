#pragma once
// Support contact (PLT-16): per-tenant link and contact details shown in the console header
// ("Suporte"). Only a link and plain contact data: the console injects no third-party script.
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "platform/audit/service.hpp"

namespace rg::support {

struct SupportSettings {
  std::int64_t tenant_id = 0;
  bool configured = false;
  std::string label = "Suporte";
  std::optional<std::string> url;    // https:// only
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> hours;  // free text, e.g. "Seg. a sex., 8h às 18h"
  std::optional<std::int64_t> updated_at_us;
};

std::string settings_json(const SupportSettings& s);
// Label 1..60, url https:// with a host, a plausible e-mail, phone digits and + ( ) - space;
// at least one of url, email, phone. Field errors name each bad field.
Status validate(const SupportSettings& s);

class SupportService {
 public:
  SupportService(db::Database& db, const Clock& clock, audit::AuditLog& audit);
  SupportSettings get(std::int64_t tenant_id);
  Result<SupportSettings> set(const audit::Entry& who, SupportSettings settings);

 private:
  db::Database& db_;
  const Clock& clock_;
  audit::AuditLog& audit_;
};

struct RoutePermissions {
  const char* read;       // "authenticated": every operator sees the header entry
  const char* configure;  // "support.configure"
};

void register_support_routes(http::Router& router, SupportService& service, RoutePermissions permissions);

}  // namespace rg::support
