#pragma once
// Routes with path parameters ("/api/v1/accounts/{id}") and method matching. Every route names
// the permission it requires ("public" for health probes and the console's static files); the
// auth middleware of the identity module enforces it.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "http/request.hpp"

namespace rg::http {

using Handler = std::function<Response(Request&)>;

inline constexpr const char* permission_public = "public";
// Any signed-in operator or API key (e.g. one's own profile).
inline constexpr const char* permission_authenticated = "authenticated";

struct Route {
  std::string method;
  std::string pattern;
  std::string permission;
  std::string summary;
  Handler handler;
  std::vector<std::string> segments;  // split pattern; "{name}" marks a parameter
  // The largest request body the route accepts; 0 means the server's cap (--max-body). Set on
  // the route add() returns, e.g. for uploads.
  std::uint64_t body_bytes_max = 0;
};

struct Match {
  const Route* route = nullptr;  // set when found
  bool path_exists = false;      // true with route == nullptr means 405
  std::string allow;             // methods for the path, comma-separated, for 405 responses
};

class Router {
 public:
  // Returns the new route, valid until the next add().
  Route& add(std::string method, std::string pattern, std::string permission, std::string summary, Handler handler);
  // A copy of a route of another router (its body cap included).
  Route& add(const Route& route);
  // Fills request.path_params and request.route on success.
  Match match(Request& request) const;
  // The body cap of the route `method` and `path` (no query string) would reach; 0 when it has
  // none of its own or there is no such route.
  std::uint64_t body_bytes_max(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace rg::http
