#pragma once
// HTTP for the ledger (TRX-01): batches of transfers for integrations, transfers and accounts by
// id, an account's transfers (statement), and internal accounts of integrations.
#include <string>

#include "banking/ledger/service.hpp"
#include "http/router.hpp"

namespace rg::ledger {

struct RoutePermissions {
  const char* read;   // "ledger.read"
  const char* write;  // "ledger.write"
};

void register_ledger_routes(http::Router& router, LedgerService& service, RoutePermissions permissions);

std::string account_json(const Account& a);
std::string transfer_json(const Transfer& t);
// Flag names in JSON ("linked", "pending", …) ↔ bits.
std::string flag_names_json(std::uint32_t flags, bool account);

}  // namespace rg::ledger
