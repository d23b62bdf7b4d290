#pragma once
// Routes with path parameters ("/api/v1/accounts/{id}") and method matching. Every route names
// the permission it requires ("public" for health probes and the console's static files); the
// auth middleware of the identity module enforces it.
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
};

struct Match {
  const Route* route = nullptr;  // set when found
  bool path_exists = false;      // true with route == nullptr means 405
  std::string allow;             // methods for the path, comma-separated, for 405 responses
};

class Router {
 public:
  void add(std::string method, std::string pattern, std::string permission, std::string summary, Handler handler);
  // Fills request.path_params and request.route on success.
  Match match(Request& request) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace rg::http
