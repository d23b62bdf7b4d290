#include "http/request.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

namespace rg::http {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

std::string percent_decode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%' && i + 2 < in.size() && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
      out += static_cast<char>(hex(in[i + 1]) * 16 + hex(in[i + 2]));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

bool Principal::has(std::string_view permission) const {
  return std::binary_search(permissions.begin(), permissions.end(), permission);
}

std::string_view Request::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (iequals(h.name, name)) return h.value;
  }
  return {};
}

std::optional<std::string> Request::query(std::string_view key) const {
  std::string_view rest = query_string;
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    const auto eq = pair.find('=');
    const std::string name = percent_decode(pair.substr(0, eq), true);
    if (name != key) continue;
    return eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1), true);
  }
  return std::nullopt;
}

std::string_view Request::param(std::string_view name) const {
  for (const auto& [k, v] : path_params) {
    if (k == name) return v;
  }
  return {};
}

Response& Response::set_header(std::string name, std::string value) {
  for (auto& h : headers) {
    if (iequals(h.name, name)) {
      h.value = std::move(value);
      return *this;
    }
  }
  headers.push_back({std::move(name), std::move(value)});
  return *this;
}

std::string_view Response::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (iequals(h.name, name)) return h.value;
  }
  return {};
}

Response Response::json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.push_back({"Content-Type", "application/json"});
  return r;
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.push_back({"Content-Type", std::move(content_type)});
  return r;
}

FileBody::~FileBody() {
  if (fd_ >= 0) ::close(fd_);
}

Result<Response> file_response(const std::string& path, std::string content_type, std::string_view download_name) {
  int fd = -1;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  // Details name no server path: callers may pass them on to the client.
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return Error::not_found("The file does not exist.");
    return Error::unavailable(std::string("The file cannot be opened: ") + std::strerror(errno) + ".");
  }
  struct stat st{};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Error::not_found("The file does not exist.");
  }
  auto file_body = std::make_shared<const FileBody>(fd, static_cast<std::uint64_t>(st.st_size));
  Response r;
  r.status = 200;
  r.file = std::move(file_body);
  r.headers.push_back({"Content-Type", std::move(content_type)});
  if (!download_name.empty()) {
    std::string name(download_name);
    for (char& c : name) {
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') c = '_';
    }
    r.headers.push_back({"Content-Disposition", "attachment; filename=\"" + name + "\""});
  }
  return r;
}

}  // namespace rg::http
