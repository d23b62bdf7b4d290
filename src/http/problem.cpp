#include "http/problem.hpp"

#include <boost/json.hpp>

namespace rg::http {

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid: return 400;
    case ErrorCode::not_found: return 404;
    case ErrorCode::conflict: return 409;
    case ErrorCode::unauthorized: return 401;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::method_not_allowed: return 405;
    case ErrorCode::payload_too_large: return 413;
    case ErrorCode::unsupported_media_type: return 415;
    case ErrorCode::insufficient_funds: return 422;
    case ErrorCode::limit_exceeded: return 422;
    case ErrorCode::rate_limited: return 429;
    case ErrorCode::unavailable: return 503;
    case ErrorCode::timeout: return 504;
    case ErrorCode::internal: return 500;
  }
  return 500;
}

namespace {

const char* title_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid: return "Invalid request";
    case ErrorCode::not_found: return "Not found";
    case ErrorCode::conflict: return "Conflict";
    case ErrorCode::unauthorized: return "Authentication required";
    case ErrorCode::forbidden: return "Forbidden";
    case ErrorCode::method_not_allowed: return "Method not allowed";
    case ErrorCode::payload_too_large: return "Payload too large";
    case ErrorCode::unsupported_media_type: return "Unsupported media type";
    case ErrorCode::insufficient_funds: return "Insufficient funds";
    case ErrorCode::limit_exceeded: return "Limit exceeded";
    case ErrorCode::rate_limited: return "Too many requests";
    case ErrorCode::unavailable: return "Service unavailable";
    case ErrorCode::timeout: return "Timeout";
    case ErrorCode::internal: return "Internal error";
  }
  return "Internal error";
}

}  // namespace

Response problem(const Error& error, std::string_view instance, std::string_view request_id) {
  const int status = status_for(error.code);
  boost::json::object body;
  body["type"] = std::string("https://retaguarda.dev/problems/") + error_code_name(error.code);
  body["title"] = title_for(error.code);
  body["status"] = status;
  // Internal details never leave the server; the log line with the same request id has them.
  body["detail"] = error.code == ErrorCode::internal ? "An unexpected error occurred." : error.detail;
  body["instance"] = instance;
  if (!request_id.empty()) body["request_id"] = request_id;
  boost::json::array fields;
  for (const auto& f : error.fields) {
    boost::json::object field{{"field", f.field}, {"message", f.message}};
    if (!f.code.empty()) field["code"] = f.code;
    fields.push_back(std::move(field));
  }
  body["errors"] = std::move(fields);
  Response r;
  r.status = status;
  r.body = boost::json::serialize(body);
  r.headers.push_back({"Content-Type", "application/problem+json"});
  return r;
}

}  // namespace rg::http
