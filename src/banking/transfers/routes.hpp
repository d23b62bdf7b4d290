#pragma once
// HTTP for P2P transfers (TRX-02).
#include <vector>

#include "banking/transfers/service.hpp"
#include "http/router.hpp"
#include "platform/exports/model.hpp"

namespace rg::transfers {

struct RoutePermissions {
  const char* read;    // transfers.read
  const char* create;  // transfers.create
  const char* manage;  // transfers.manage: cancel scheduled, process failed
  const char* chargeback;  // transfers.chargeback
};

void register_transfer_routes(http::Router& router, TransferService& service, RoutePermissions permissions);
exports::ListExport transfers_export();

}  // namespace rg::transfers
