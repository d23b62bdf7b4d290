#pragma once
#include "http/router.hpp"
#include "identity/auth.hpp"
#include "identity/service.hpp"
#include "platform/approvals/service.hpp"

namespace rg::identity {

void register_identity_routes(http::Router& router, IdentityService& identity, AuthService& auth,
                              approvals::ApprovalEngine& engine);

}  // namespace rg::identity
