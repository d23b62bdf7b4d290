#pragma once
// The request pipeline, free of any transport: request id → route match (404/405) →
// middleware (auth, tenant, CSRF… added by later modules) → handler → security headers,
// metrics and one access-log line. The Beast server only moves bytes in and out of it.
#include <functional>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "http/metrics.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace rg::http {

class Pipeline {
 public:
  // Runs before the handler; returning a Response stops the chain (e.g. 401/403).
  using Middleware = std::function<std::optional<Response>(Request&, const Route&)>;

  Pipeline(Router& router, Metrics& metrics, const StaticFiles* static_files);

  void add_middleware(Middleware middleware) { middleware_.push_back(std::move(middleware)); }
  // Handles a fully read request; never throws. `started_ns` is when reading finished.
  Response handle(Request& request);
  // For errors found by the transport before a request could be handled (413, 400, 408), so
  // they get the same problem body, headers, metrics and log line as everything else.
  Response reject(Request& request, const Error& error);
  // The body cap of the route a request line reaches (`target` may carry a query string); 0 when
  // the route has none of its own, so the server's cap applies.
  std::uint64_t body_bytes_max(std::string_view method, std::string_view target) const;

 private:
  Response dispatch(Request& request);
  void finish(Request& request, Response& response, std::int64_t started_ns);

  Router& router_;
  Metrics& metrics_;
  const StaticFiles* static_files_;
  std::vector<Middleware> middleware_;
};

// Accepts a client's X-Request-Id when it is short and made of safe characters; otherwise
// generates a new random one.
std::string request_id_for(std::string_view incoming);

}  // namespace rg::http
