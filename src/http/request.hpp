#pragma once
// The project's own request/response types: handlers and services never see Beast or Asio.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

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

// A response body read from an open file as the socket takes it (server.cpp, 64 KiB at a
// time), so a large download never sits in memory. The handler opens the file, so a missing
// file is an ordinary problem answer given before any header is sent; a file deleted or
// replaced after opening is still sent whole, as it was when opened.
class FileBody {
 public:
  FileBody(int fd, std::uint64_t size) : fd_(fd), size_(size) {}
  ~FileBody();
  FileBody(const FileBody&) = delete;
  FileBody& operator=(const FileBody&) = delete;

  int fd() const { return fd_; }  // read with pread(2) at an offset, so it may be shared
  std::uint64_t size() const { return size_; }  // at opening; it is the Content-Length

 private:
  int fd_;
  std::uint64_t size_;
};

struct Response {
  int status = 200;
  std::vector<Header> headers;
  std::string body;
  // When set, sent instead of `body` (which stays empty). Shared, so a Response stays copyable.
  std::shared_ptr<const FileBody> file = nullptr;

  Response& set_header(std::string name, std::string value);
  std::string_view header(std::string_view name) const;
  // The length of the body that will be sent (the file's or the string's).
  std::uint64_t body_size() const { return file ? file->size() : body.size(); }

  static Response json(int status, std::string body);
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
};

// 200 with the regular file at `path` as a FileBody, its Content-Type and, when `download_name`
// is given, `Content-Disposition: attachment` with that name (characters outside printable
// ASCII, quotes and backslashes become '_'). not_found when there is no regular file there,
// unavailable when it cannot be opened.
Result<Response> file_response(const std::string& path, std::string content_type, std::string_view download_name = {});

// Percent-decoding for paths and query strings ('+' is a space only in query strings).
std::string percent_decode(std::string_view in, bool plus_is_space);
bool iequals(std::string_view a, std::string_view b);

}  // namespace rg::http
