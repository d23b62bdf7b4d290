#pragma once
#include "http/router.hpp"
#include "platform/exports/model.hpp"
#include "platform/deleted/service.hpp"

namespace rg::deleted {

struct RoutePermissions {
  const char* read;     // "deleted_records.read": the list and the record types
  const char* restore;  // "deleted_records.restore"
};

void register_deleted_routes(http::Router& router, DeletedRecords& service, RoutePermissions permissions);
// GET /api/v1/deleted-records as CSV/XLSX (PLT-09).
exports::ListExport deleted_records_export();

}  // namespace rg::deleted
