#include "banking/receipts/routes.hpp"

#include "http/json.hpp"

namespace rg::receipts {

namespace {

using http::Request;
using http::Response;

Response pdf_response(const Request& req, const Result<Receipt>& receipt) {
  if (!receipt) return http::problem_for(req, receipt.error());
  const Rendered rendered = ReceiptService::render(*receipt);
  Response r = Response::text(200, rendered.pdf, "application/pdf");
  r.set_header("Content-Disposition", "attachment; filename=\"" + download_name(rendered.receipt) + "\"");
  return r;
}

}  // namespace

void register_receipt_routes(http::Router& r, ReceiptService& s, RoutePermissions p) {
  r.add("GET", "/api/v1/transfers/{id}/receipt", p.transfers_read, "A completed P2P transfer's receipt (PDF)",
        [&s](Request& req) {
          auto id = parse_id(req.param("id"));
          if (!id) return http::problem_for(req, Error::not_found("Transfer not found."));
          return pdf_response(req, s.for_transfer(req.principal->tenant_id, *id));
        });
  r.add("GET", "/api/v1/accounts/{id}/receipts/{transfer_id}", p.accounts_read,
        "The receipt of one posted line of an account's statement (PDF)", [&s](Request& req) {
          auto id = parse_id(req.param("id"));
          auto transfer_id = parse_id(req.param("transfer_id"));
          if (!id || !transfer_id) return http::problem_for(req, Error::not_found("No such transfer on this account's statement."));
          return pdf_response(req, s.for_statement_line(req.principal->tenant_id, *id, *transfer_id));
        });
}

}  // namespace rg::receipts
