#pragma once
// HTTP for receipts (TRX-04): PDF downloads.
#include "banking/receipts/service.hpp"
#include "http/router.hpp"

namespace rg::receipts {

struct RoutePermissions {
  const char* transfers_read;  // transfers.read: GET /transfers/{id}/receipt
  const char* accounts_read;   // accounts.read: GET /accounts/{id}/receipts/{transfer_id}
};

void register_receipt_routes(http::Router& router, ReceiptService& service, RoutePermissions permissions);

}  // namespace rg::receipts
