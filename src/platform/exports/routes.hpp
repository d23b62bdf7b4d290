#pragma once
#include "http/router.hpp"
#include "platform/exports/service.hpp"

namespace rg::exports {

// Returns `router` with every registered list route made exportable: the same GET answers a
// file when the query has `format=csv|xlsx` (same filters, same permission), 202 with an export
// record when the result is large or `async=true`. Lists without their own row source get one
// that pages through the list handler. Call once, after every module registered its routes.
http::Router attach_exports(const http::Router& router, ExportService& service);

// GET /api/v1/exports and GET /api/v1/exports/{id}/download ("Exportações").
void register_export_routes(http::Router& router, ExportService& service, const char* read_permission);

}  // namespace rg::exports
