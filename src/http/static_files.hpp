#pragma once
// Serves the console build (web/dist) with an SPA fallback to index.html; a folder holding an
// index.html of its own (docs/api, the API reference) is served as that page.
#include <optional>
#include <string>

#include "http/request.hpp"

namespace rg::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);
  // A response for GET/HEAD of a console path, or nullopt when the path is not the console's
  // (API paths) or no build is present.
  std::optional<Response> serve(const Request& request) const;
  bool available() const;

 private:
  std::string root_;
};

const char* content_type_for(std::string_view path);

}  // namespace rg::http
