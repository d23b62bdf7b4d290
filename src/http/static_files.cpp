#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace rg::http {

namespace fs = std::filesystem;

const char* content_type_for(std::string_view path) {
  struct Type {
    std::string_view ext;
    const char* type;
  };
  static constexpr Type types[] = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".jpg", "image/jpeg"}, {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"}, {".map", "application/json"}, {".webmanifest", "application/manifest+json"},
      {".yaml", "application/yaml"}, {".pdf", "application/pdf"},
  };
  for (const auto& t : types) {
    if (path.ends_with(t.ext)) return t.type;
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

bool StaticFiles::available() const { return fs::exists(fs::path(root_) / "index.html"); }

namespace {

std::optional<std::string> read_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace

std::optional<Response> StaticFiles::serve(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") return std::nullopt;
  const std::string path = percent_decode(request.path, false);
  if (path.starts_with("/api/") || path.find("..") != std::string::npos || path.find('\0') != std::string::npos) {
    return std::nullopt;
  }
  const fs::path root(root_);
  const bool hashed_asset = path.starts_with("/assets/");
  fs::path file = root / path.substr(1);
  std::optional<std::string> body;
  if (path != "/" && !path.ends_with('/')) body = read_file(file);
  if (!body && path != "/" && !hashed_asset && !fs::path(path).has_extension()) {
    // A folder with a page of its own (the API reference at /docs/api) is served as that page.
    if ((body = read_file(file / "index.html"))) file /= "index.html";
  }
  if (!body) {
    // Client-side routes fall back to index.html; missing assets and files stay 404.
    if (hashed_asset || fs::path(path).has_extension()) return std::nullopt;
    file = root / "index.html";
    body = read_file(file);
    if (!body) return std::nullopt;
  }
  Response r;
  r.status = 200;
  r.headers.push_back({"Content-Type", content_type_for(file.string())});
  // Vite puts content hashes in asset names, so they never change; index.html must revalidate.
  r.headers.push_back({"Cache-Control", hashed_asset ? "public, max-age=31536000, immutable" : "no-cache"});
  r.body = std::move(*body);  // the server drops it for HEAD but keeps its length
  return r;
}

}  // namespace rg::http
