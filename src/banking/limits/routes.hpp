#pragma once
#include "banking/limits/service.hpp"
#include "http/router.hpp"

namespace rg::banking::limits {

struct RoutePermissions {
  const char* read;   // "limits.read"
  const char* write;  // "limits.write"
};

void register_limit_routes(http::Router& router, LimitService& service, RoutePermissions permissions);

}  // namespace rg::banking::limits
