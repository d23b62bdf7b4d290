#pragma once
// Tenants, roles and operators (PLT-01, PLT-02, PLT-04): plain types, no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"

namespace rg::identity {

struct Tenant {
  Id id = 0;
  std::string name;
  std::string email;
  std::string status = "active";
  std::string locale = "pt-BR";
  std::int64_t created_at_us = 0;
};

struct Role {
  std::int64_t tenant_id = 0;
  Id id = 0;
  std::string code;
  std::string name;
  bool built_in = false;
  std::vector<std::string> permissions;  // sorted
};

// Seed 002 "Interface de acesso": Portal (console), API, or both.
inline constexpr const char* interface_console = "console";
inline constexpr const char* interface_api = "api";
inline constexpr const char* interface_both = "both";

// The record type of operators for tags (PLT-13) and deleted records (PLT-14).
inline constexpr const char* record_type_operator = "operator";

struct Operator {
  std::int64_t tenant_id = 0;
  Id id = 0;
  std::string name;
  std::string email;
  std::optional<std::string> phone;
  Id role_id = 0;
  std::string role_code;
  std::string role_name;
  std::string access_interface = interface_both;
  std::optional<std::int64_t> daily_query_limit;    // role "commercial" only
  std::optional<std::int64_t> monthly_query_limit;  // role "commercial" only
  bool email_confirmed = false;
  std::string status = "active";
  std::string locale = "pt-BR";
  bool totp_enabled = false;
  std::optional<std::int64_t> password_changed_at_us;
  std::optional<std::int64_t> last_sign_in_at_us;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
};

// What create/update accept; absent optionals leave a field unchanged on update.
struct OperatorInput {
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::optional<std::string>> phone;
  std::optional<Id> role_id;
  std::optional<std::string> access_interface;
  std::optional<std::optional<std::int64_t>> daily_query_limit;
  std::optional<std::optional<std::int64_t>> monthly_query_limit;
  std::optional<std::string> locale;
};

struct OperatorFilter {
  std::optional<std::string> text;  // name or e-mail, case-insensitive substring
  std::optional<std::string> status;
  std::optional<Id> role_id;
  std::optional<std::string> access_interface;
  std::optional<bool> email_confirmed;
  std::optional<int> inactive_days;  // active operators without a sign-in for this many days
  std::optional<Id> tag_id;          // operators carrying this tag (PLT-13)
  std::optional<Id> after_id;        // keyset cursor
  int limit = 50;
};

// Seed 002 "Usuários ativos sem acesso nos últimos 30 dias".
inline constexpr int inactive_operator_days = 30;

}  // namespace rg::identity
