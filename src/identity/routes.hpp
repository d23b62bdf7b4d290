#pragma once
#include "http/router.hpp"
#include "identity/auth.hpp"
#include "identity/service.hpp"
#include "platform/approvals/service.hpp"
#include "platform/exports/model.hpp"

namespace rg::identity {

void register_identity_routes(http::Router& router, IdentityService& identity, AuthService& auth,
                              approvals::ApprovalEngine& engine);

// Columns of the operators, roles and API keys exports (PLT-09): ?format=csv|xlsx on each list.
std::vector<exports::ListExport> identity_exports();

}  // namespace rg::identity
