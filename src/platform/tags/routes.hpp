#pragma once
#include "http/router.hpp"
#include "platform/exports/model.hpp"
#include "platform/tags/service.hpp"

namespace rg::tags {

struct RoutePermissions {
  const char* read;   // "tags.read": tags, records by tag, a record's tags
  const char* write;  // "tags.write": create/update/delete tags, attach and detach
};

void register_tag_routes(http::Router& router, TagService& service, RoutePermissions permissions);
// GET /api/v1/tags as CSV/XLSX (PLT-09).
exports::ListExport tags_export();

}  // namespace rg::tags
