#include "http/router.hpp"

#include <stdexcept>

namespace rg::http {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 1;  // paths start with '/'
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string_view::npos ? path.size() : slash;
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool is_param(std::string_view segment) { return segment.size() > 2 && segment.front() == '{' && segment.back() == '}'; }

}  // namespace

Route& Router::add(std::string method, std::string pattern, std::string permission, std::string summary,
                   Handler handler) {
  if (pattern.empty() || pattern.front() != '/') throw std::invalid_argument("route must start with /: " + pattern);
  for (const auto& r : routes_) {
    if (r.method == method && r.pattern == pattern) throw std::invalid_argument("duplicate route " + pattern);
  }
  Route route{std::move(method), std::move(pattern), std::move(permission), std::move(summary), std::move(handler), {}};
  for (auto part : split_path(route.pattern)) route.segments.emplace_back(part);
  routes_.push_back(std::move(route));
  return routes_.back();
}

Route& Router::add(const Route& route) {
  auto& added = add(route.method, route.pattern, route.permission, route.summary, route.handler);
  added.body_bytes_max = route.body_bytes_max;
  return added;
}

std::uint64_t Router::body_bytes_max(std::string_view method, std::string_view path) const {
  const auto parts = split_path(path);
  for (const auto& route : routes_) {
    if (route.method != method || route.segments.size() != parts.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < parts.size() && same; ++i) {
      same = is_param(route.segments[i]) ? !parts[i].empty() : route.segments[i] == parts[i];
    }
    if (same) return route.body_bytes_max;
  }
  return 0;
}

Match Router::match(Request& request) const {
  const auto parts = split_path(request.path);
  Match m;
  for (const auto& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < parts.size() && same; ++i) {
      same = is_param(route.segments[i]) ? !parts[i].empty() : route.segments[i] == parts[i];
    }
    if (!same) continue;
    m.path_exists = true;
    if (!m.allow.empty()) m.allow += ", ";
    m.allow += route.method;
    // HEAD is answered by the GET route (the server drops the body), as load balancers expect.
    const bool same_method = route.method == request.method || (request.method == "HEAD" && route.method == "GET");
    if (!same_method || m.route) continue;
    m.route = &route;
  }
  if (m.route) {
    request.route = m.route->pattern;
    request.path_params.clear();
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const auto& seg = m.route->segments[i];
      if (is_param(seg)) request.path_params.emplace_back(seg.substr(1, seg.size() - 2), percent_decode(parts[i], false));
    }
  }
  return m;
}

}  // namespace rg::http
