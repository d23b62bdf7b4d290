#pragma once
// Calls a registered route as the pipeline would after authentication, for the route tests of
// the messages and push modules: 404 when nothing matches.
#include <memory>
#include <string>

#include "http/router.hpp"

namespace rg::test {

inline http::Response call_route(const http::Router& router, const std::string& method, const std::string& target,
                                 const std::string& body, std::int64_t tenant_id, std::int64_t operator_id) {
  http::Request request;
  request.method = method;
  request.target = target;
  const auto q = target.find('?');
  request.path = target.substr(0, q);
  request.query_string = q == std::string::npos ? "" : target.substr(q + 1);
  request.request_id = "test";
  request.body = body;
  http::Principal principal;
  principal.tenant_id = tenant_id;
  principal.operator_id = operator_id;
  principal.name = "Teste";
  request.principal = std::make_shared<const http::Principal>(principal);
  const auto match = router.match(request);
  if (!match.route) return http::Response{404, {}, ""};
  return match.route->handler(request);
}

}  // namespace rg::test
