#pragma once
// The audit trail over HTTP (PLT-07): GET /api/v1/audit (search, newest first, keyset paging)
// and GET /api/v1/audit/verify (the caller's chain). The tenant is always the caller's.
#include "db/database.hpp"
#include "http/router.hpp"
#include "platform/audit/service.hpp"
#include "platform/exports/model.hpp"

namespace rg::audit {

// `permission` is what both routes require (main.cpp passes "audit.read").
void register_audit_routes(http::Router& router, db::Database& db, AuditLog& log, const char* permission);

// Columns of the audit trail's export (PLT-09): GET /api/v1/audit?format=csv|xlsx.
exports::ListExport audit_export();

}  // namespace rg::audit
