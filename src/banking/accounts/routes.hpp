#pragma once
// HTTP for digital accounts (ACC-05…08, ACC-10, ACC-12, ACC-16) and the statement.
#include "banking/accounts/service.hpp"
#include "http/router.hpp"
#include "platform/exports/model.hpp"

namespace rg::accounts {

struct RoutePermissions {
  const char* read;     // accounts.read: accounts, balances, statements
  const char* open;     // accounts.open: accounts and sub-accounts
  const char* status;   // accounts.status: suspend, reactivate, sync status
  const char* cancel;   // accounts.cancel: cancel, move the residual balance
  const char* manage;   // accounts.manage: plan, night start, alias, redeem, resync
  const char* deposit;  // ledger.write: sandbox deposits
};

void register_account_routes(http::Router& router, AccountService& service, RoutePermissions permissions);
// GET /api/v1/accounts and GET /api/v1/statement as CSV/XLSX (PLT-09).
std::vector<exports::ListExport> account_exports();

}  // namespace rg::accounts
