#pragma once
// The project's own request/response types: handlers and services never see Beast or Asio.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rg::http {

struct Header {
  std::string name;
  std::string value;
};

// Who is calling, set by the identity module's authentication middleware.
struct Principal {
  std::int64_t tenant_id = 0;
  std::int64_t operator_id = 0;  // the operator, or the API key's owner
  std::string name;
  std::string locale = "pt-BR";
  std::int64_t session_id = 0;  // console sessions
  std::int64_t api_key_id = 0;  // integrations
  std::vector<std::string> permissions;  // sorted
  bool must_change_password = false;  // expired password: only the password change is allowed
  bool has(std::string_view permission) const;
};

struct Request {
  std::string method;        // "GET", "POST", …
  std::string target;        // as received: path plus query string
  std::string path;          // without the query string, not decoded
  std::string query_string;  // after '?', not decoded
  std::vector<Header> headers;
  std::string body;
  std::string request_id;
  std::string remote_address;
  std::string route;  // the matched route pattern, e.g. "/api/v1/accounts/{id}"
  std::vector<std::pair<std::string, std::string>> path_params;  // decoded
  // Empty for anonymous requests; shared with the session cache, so setting it copies nothing.
  std::shared_ptr<const Principal> principal;

  // Case-insensitive header lookup; empty when absent.
  std::string_view header(std::string_view name) const;
  // Decoded query parameter (first occurrence).
  std::optional<std::string> query(std::string_view key) const;
  // Decoded path parameter; empty when the route has no such parameter.
  std::string_view param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<Header> headers;
  std::string body;

  Response& set_header(std::string name, std::string value);
  std::string_view header(std::string_view name) const;

  static Response json(int status, std::string body);
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
};

// Percent-decoding for paths and query strings ('+' is a space only in query strings).
std::string percent_decode(std::string_view in, bool plus_is_space);
bool iequals(std::string_view a, std::string_view b);

}  // namespace rg::http
