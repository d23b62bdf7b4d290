#pragma once
// The demo tenant that `make run` loads, so every screen has realistic data on first sight.
// Each module adds its part here as it lands.
#include <ostream>

#include "identity/service.hpp"
#include "platform/approvals/service.hpp"

namespace rg::demo {

inline constexpr const char* tenant_name = "Banco Aurora";
inline constexpr const char* manager_email = "gestora@bancoaurora.com.br";
inline constexpr const char* checker_email = "supervisor@bancoaurora.com.br";
inline constexpr const char* password = "Retaguarda#2026";

struct Services {
  identity::IdentityService& identity;
  approvals::ApprovalEngine& approvals;
};

// Loads the demo tenant unless it exists; prints the logins either way. Returns false on error.
bool load(Services services, std::ostream& out);

}  // namespace rg::demo
