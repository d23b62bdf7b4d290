#pragma once
#include "banking/customers/service.hpp"
#include "http/router.hpp"
#include "platform/exports/model.hpp"

namespace rg::customers {

// Customers, partners and documents under /api/v1/customers (customers.read / customers.write /
// customers.documents, banking/permissions.hpp). The upload route accepts bodies up to
// limits::customer_document_bytes_max; every other route keeps the server's cap.
void register_customer_routes(http::Router& router, CustomerService& service);

// Columns of the customers export (PLT-09): ?format=csv|xlsx on the list.
std::vector<exports::ListExport> customer_exports();

}  // namespace rg::customers
