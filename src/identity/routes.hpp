#pragma once
#include "http/router.hpp"
#include "identity/auth.hpp"
#include "identity/service.hpp"

namespace rg::identity {

void register_identity_routes(http::Router& router, IdentityService& identity, AuthService& auth);

}  // namespace rg::identity
