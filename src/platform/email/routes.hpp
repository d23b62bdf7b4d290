#pragma once
// The built-in mailbox (PLT-10): every message the system wrote for a tenant, delivered by SMTP
// or kept here, for operators holding `permission`.
//   GET /api/v1/mailbox        ?to=<substring>&page_size=&cursor=   newest first, no bodies
//   GET /api/v1/mailbox/{id}   the whole message; marks it read
#include "db/database.hpp"
#include "http/router.hpp"
#include "platform/email/service.hpp"
#include "platform/exports/model.hpp"

namespace rg::email {

void register_email_routes(http::Router& router, db::Database& db, EmailService& email, const char* permission);

// Columns of the mailbox's export (PLT-09): GET /api/v1/mailbox?format=csv|xlsx (no bodies).
exports::ListExport mailbox_export();

}  // namespace rg::email
