#include "banking/transfers/routes.hpp"

#include <boost/json.hpp>

#include "http/json.hpp"

namespace rg::transfers {

namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

Response one(const Request& req, const Result<P2PTransfer>& t, int status = 200) {
  if (!t) return http::problem_for(req, t.error());
  return http::json(json::parse(transfer_json(*t)), status);
}

std::optional<Id> account_field(http::FieldReader& in, const char* key) {
  auto text = in.text(key, {.required = true, .max_length = 20});
  if (!text) return std::nullopt;
  auto id = parse_id(*text);
  if (!id) in.fail(key, std::string(key) + " must be an account id.");
  return id;
}

Response create(TransferService& s, const Request& req) {
  auto body = http::parse_object(req);
  if (!body) return http::problem_for(req, body.error());
  http::FieldReader in(*body);
  TransferInput input;
  input.from_account_id = account_field(in, "from_account_id").value_or(0);
  input.to_account_id = account_field(in, "to_account_id").value_or(0);
  input.amount = in.integer("amount", {.required = true, .min = 1, .max = amount_max}).value_or(0);
  input.description = in.text("description", {.max_length = description_length_max}).value_or("");
  input.client_id = in.text("client_id", {.max_length = 64, .trim = false}).value_or("");
  if (auto day = in.text("scheduled_for", {.max_length = 10}); day && !day->empty()) {
    auto d = parse_iso_date(*day, "scheduled_for");
    if (!d) {
      in.fail("scheduled_for", "Use a date as YYYY-MM-DD.");
    } else {
      input.scheduled_for = *d;
    }
  }
  if (auto error = in.error()) return http::problem_for(req, *error);
  bool replayed = false;
  auto t = s.create(audit::entry_for(req, "transfer.created", "transfer"), input, &replayed);
  return one(req, t, replayed ? 200 : 201);
}

Response list(TransferService& s, const Request& req) {
  http::QueryReader q(req);
  const auto page = q.page();
  ListFilter f;
  f.account_id = q.id("account_id");
  f.reversal_of = q.id("reversal_of");
  if (auto st = q.one_of("status", {"scheduled", "completed", "failed", "cancelled"})) f.status = parse_status(*st);
  const auto period = q.period();
  if (auto error = q.error()) return http::problem_for(req, *error);
  f.from_us = period.from_us;
  f.to_us = period.to_us;
  f.before_id = page.cursor;
  f.limit = page.size + 1;
  auto rows = s.list(req.principal->tenant_id, f);
  return http::json_page(rows, page.size, [](const P2PTransfer& t) { return transfer_json(t); },
                         [](const P2PTransfer& t) { return t.id; });
}

template <typename F>
Response by_id(const Request& req, F&& fn) {
  auto id = parse_id(req.param("id"));
  if (!id) return http::problem_for(req, Error::not_found("Transfer not found."));
  return one(req, fn(*id));
}

Response charge_back(TransferService& s, const Request& req) {
  auto id = parse_id(req.param("id"));
  if (!id) return http::problem_for(req, Error::not_found("Transfer not found."));
  auto body = http::parse_object(req);
  if (!body) return http::problem_for(req, body.error());
  http::FieldReader in(*body);
  auto reason = in.text("reason", {.required = true, .max_length = chargeback_reason_length_max});
  auto amount = in.integer("amount", {.min = 1, .max = amount_max});
  if (auto error = in.error()) return http::problem_for(req, *error);
  return one(req, s.charge_back(audit::entry_for(req, "transfer.charged_back", "transfer"), *id, amount, *reason), 201);
}

}  // namespace

exports::ListExport transfers_export() {
  using exports::ColumnType;
  return {"/api/v1/transfers", "transfers", "Transferências", "Transfers",
          {{"created_at", "Criada em", "Created at", ColumnType::datetime},
           {"from_account_id", "Conta de origem", "From account", ColumnType::text, 20},
           {"to_account_id", "Conta de destino", "To account", ColumnType::text, 20},
           {"amount", "Valor", "Amount", ColumnType::money_centavos},
           {"tariff_amount", "Tarifa", "Tariff", ColumnType::money_centavos},
           {"status", "Situação", "Status", ColumnType::text, 12},
           {"kind", "Tipo", "Kind", ColumnType::text, 10},
           {"reversed_amount", "Estornado", "Charged back", ColumnType::money_centavos},
           {"scheduled_for", "Agendada para", "Scheduled for", ColumnType::date},
           {"failure_reason", "Motivo da falha", "Failure reason", ColumnType::text, 32},
           {"description", "Descrição", "Description", ColumnType::text, 32},
           {"id", "Transferência", "Transfer", ColumnType::text, 20}},
          {}};
}

void register_transfer_routes(http::Router& r, TransferService& s, RoutePermissions p) {
  r.add("GET", "/api/v1/transfers", p.read, "P2P transfers, newest first", [&s](Request& req) { return list(s, req); });
  r.add("POST", "/api/v1/transfers", p.create, "Make or schedule a P2P transfer",
        [&s](Request& req) { return create(s, req); });
  r.add("GET", "/api/v1/transfers/{id}", p.read, "A P2P transfer", [&s](Request& req) {
    return by_id(req, [&](Id id) { return s.get(req.principal->tenant_id, id); });
  });
  r.add("POST", "/api/v1/transfers/{id}/cancel", p.manage, "Cancel a scheduled transfer", [&s](Request& req) {
    return by_id(req, [&](Id id) { return s.cancel(audit::entry_for(req, "transfer.cancelled", "transfer"), id); });
  });
  r.add("POST", "/api/v1/transfers/{id}/process", p.manage, "Process a failed transfer again", [&s](Request& req) {
    return by_id(req, [&](Id id) { return s.process(audit::entry_for(req, "transfer.completed", "transfer"), id); });
  });
  r.add("POST", "/api/v1/transfers/{id}/chargeback", p.chargeback, "Charge back a completed transfer (estorno)",
        [&s](Request& req) { return charge_back(s, req); });
}

}  // namespace rg::transfers
