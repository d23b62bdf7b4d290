#include "http/pipeline.hpp"

#include <chrono>
#include <exception>

#include "core/ids.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "db/database.hpp"
#include "http/problem.hpp"

namespace rg::http {

namespace {

constexpr const char* content_security_policy =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string request_id_for(std::string_view incoming) {
  bool ok = !incoming.empty() && incoming.size() <= limits::request_id_length_max;
  for (const char c : incoming) {
    if (!ok) break;
    ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == ':';
  }
  return ok ? std::string(incoming) : quick_random_hex(12);
}

Pipeline::Pipeline(Router& router, Metrics& metrics, const StaticFiles* static_files)
    : router_(router), metrics_(metrics), static_files_(static_files) {}

Response Pipeline::handle(Request& request) {
  const std::int64_t started = now_ns();
  request.request_id = request_id_for(request.header("X-Request-Id"));
  Response response;
  try {
    response = dispatch(request);
  } catch (const db::DbError& e) {
    log::error("request.db_error", {{"request_id", request.request_id}, {"route", request.route}, {"error", e.what()}});
    const bool retry_later = e.retryable();
    response = problem(retry_later ? Error::unavailable("The database is busy or unreachable; try again.")
                                   : Error::internal(e.what()),
                       request.path, request.request_id);
  } catch (const std::exception& e) {
    log::error("request.exception", {{"request_id", request.request_id}, {"route", request.route}, {"error", e.what()}});
    response = problem(Error::internal(e.what()), request.path, request.request_id);
  }
  finish(request, response, started);
  return response;
}

Response Pipeline::reject(Request& request, const Error& error) {
  const std::int64_t started = now_ns();
  request.request_id = request_id_for(request.header("X-Request-Id"));
  if (request.route.empty()) request.route = "(rejected)";
  Response response = problem(error, request.path, request.request_id);
  finish(request, response, started);
  return response;
}

std::uint64_t Pipeline::body_bytes_max(std::string_view method, std::string_view target) const {
  return router_.body_bytes_max(method, target.substr(0, target.find('?')));
}

Response Pipeline::dispatch(Request& request) {
  const Match match = router_.match(request);
  if (!match.route) {
    if (match.path_exists) {
      request.route = "(method not allowed)";
      Response r = problem(Error{ErrorCode::method_not_allowed, "Method " + request.method + " is not allowed here.", {}},
                           request.path, request.request_id);
      r.set_header("Allow", match.allow);
      return r;
    }
    if (static_files_) {
      if (auto file = static_files_->serve(request)) {
        request.route = "(console)";
        return std::move(*file);
      }
    }
    request.route = "(not found)";
    return problem(Error::not_found("No resource at " + request.path + "."), request.path, request.request_id);
  }
  for (const auto& middleware : middleware_) {
    if (auto early = middleware(request, *match.route)) return std::move(*early);
  }
  return match.route->handler(request);
}

void Pipeline::finish(Request& request, Response& response, std::int64_t started_ns) {
  // Appended, not searched for: handlers never set these (Cache-Control excepted).
  if (response.header("Cache-Control").empty()) response.headers.push_back({"Cache-Control", "no-store"});
  response.headers.push_back({"X-Request-Id", request.request_id});
  response.headers.push_back({"X-Content-Type-Options", "nosniff"});
  response.headers.push_back({"Referrer-Policy", "no-referrer"});
  response.headers.push_back({"X-Frame-Options", "DENY"});
  response.headers.push_back({"Content-Security-Policy", content_security_policy});
  const double seconds = static_cast<double>(now_ns() - started_ns) / 1e9;
  metrics_.observe_request(request.route, request.method, response.status, seconds);
  if (log::enabled(log::Level::info)) {
    log::info("http.request", {{"method", request.method},
                               {"route", request.route},
                               {"status", response.status},
                               {"bytes", static_cast<std::int64_t>(response.body_size())},
                               {"duration_ms", seconds * 1000.0},
                               {"request_id", request.request_id},
                               {"remote", request.remote_address}});
  }
}

}  // namespace rg::http
