#include "banking/billing/routes.hpp"

#include <boost/json.hpp>

#include "http/json.hpp"

namespace rg::billing {

namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

Response one(const Request& req, const Result<Charge>& c) {
  if (!c) return http::problem_for(req, c.error());
  return http::json(json::parse(charge_json(*c)));
}

json::object totals(const Totals& t) { return {{"count", t.count}, {"amount", t.amount}}; }

Response revenue(BillingService& s, const Request& req) {
  http::QueryReader q(req);
  const auto group = q.one_of("group_by", {"tariff", "operation", "month"}).value_or("tariff");
  const auto period = q.period();
  if (auto error = q.error()) return http::problem_for(req, *error);
  const RevenueGroup g = group == "operation" ? RevenueGroup::operation
                         : group == "month"   ? RevenueGroup::month
                                              : RevenueGroup::tariff;
  const auto r = s.revenue(req.principal->tenant_id, g, period.from_us, period.to_us);
  json::array items;
  for (const auto& row : r.rows) {
    items.push_back(json::object{
        {"key", row.key},
        {"label", row.label},
        {"operation", row.operation.empty() ? json::value(nullptr) : json::value(row.operation)},
        {"tariff_id", row.tariff_id ? json::value(std::to_string(*row.tariff_id)) : json::value(nullptr)},
        {"plan_id", row.plan_id ? json::value(std::to_string(*row.plan_id)) : json::value(nullptr)},
        {"plan_name", row.plan_name.empty() ? json::value(nullptr) : json::value(row.plan_name)},
        {"count", row.count},
        {"amount", row.amount}});
  }
  return http::json(json::object{{"group_by", group},
                                 {"items", std::move(items)},
                                 {"total", totals(r.total)},
                                 {"pending", totals(r.pending)}});
}

Response list(BillingService& s, const Request& req) {
  http::QueryReader q(req);
  const auto page = q.page();
  ListFilter f;
  if (auto st = q.one_of("status", {"pending", "collected", "waived"})) f.status = parse_status(*st);
  f.account_id = q.id("account_id");
  f.operation = q.text("operation", {.max_bytes = 32, .clean = true});
  const auto period = q.period();
  if (auto error = q.error()) return http::problem_for(req, *error);
  f.from_us = period.from_us;
  f.to_us = period.to_us;
  f.before_id = page.cursor;
  f.limit = page.size + 1;
  auto rows = s.list(req.principal->tenant_id, f);
  return http::json_page(rows, page.size, [](const Charge& c) { return charge_json(c); },
                         [](const Charge& c) { return c.id; });
}

template <typename F>
Response by_id(const Request& req, F&& fn) {
  auto id = parse_id(req.param("id"));
  if (!id) return http::problem_for(req, Error::not_found("Charge not found."));
  return one(req, fn(*id));
}

Response waive(BillingService& s, const Request& req) {
  auto id = parse_id(req.param("id"));
  if (!id) return http::problem_for(req, Error::not_found("Charge not found."));
  auto body = http::parse_object(req);
  if (!body) return http::problem_for(req, body.error());
  http::FieldReader in(*body);
  auto reason = in.text("reason", {.required = true, .max_length = waive_reason_length_max});
  if (auto error = in.error()) return http::problem_for(req, *error);
  return one(req, s.waive(audit::entry_for(req, "tariff_charge.waived", "tariff_charge"), *id, *reason));
}

}  // namespace

exports::ListExport charges_export() {
  using exports::ColumnType;
  return {"/api/v1/tariff-charges", "tariff_charges", "Cobranças de tarifas", "Tariff charges",
          {{"created_at", "Criada em", "Created at", ColumnType::datetime},
           {"account_id", "Conta", "Account", ColumnType::text, 20},
           {"operation", "Operação", "Operation", ColumnType::text, 14},
           {"description", "Tarifa", "Tariff", ColumnType::text, 32},
           {"amount", "Valor", "Amount", ColumnType::money_centavos},
           {"status", "Situação", "Status", ColumnType::text, 12},
           {"source_type", "Origem", "Source", ColumnType::text, 12},
           {"source_id", "Referência", "Reference", ColumnType::text, 20},
           {"attempts", "Tentativas", "Attempts", ColumnType::integer},
           {"collected_at", "Cobrada em", "Collected at", ColumnType::datetime},
           {"id", "Cobrança", "Charge", ColumnType::text, 20}},
          {}};
}

void register_billing_routes(http::Router& r, BillingService& s, RoutePermissions p) {
  r.add("GET", "/api/v1/revenue", p.revenue_read, "Tariff revenue collected in a period, grouped",
        [&s](Request& req) { return revenue(s, req); });
  r.add("GET", "/api/v1/tariff-charges", p.billing_read, "Tariff charges, newest first",
        [&s](Request& req) { return list(s, req); });
  r.add("GET", "/api/v1/tariff-charges/{id}", p.billing_read, "A tariff charge", [&s](Request& req) {
    return by_id(req, [&](Id id) { return s.get(req.principal->tenant_id, id); });
  });
  r.add("POST", "/api/v1/tariff-charges/{id}/collect", p.billing_manage, "Collect a pending charge now",
        [&s](Request& req) {
          return by_id(req, [&](Id id) {
            return s.collect(audit::entry_for(req, "tariff_charge.collected", "tariff_charge"), id);
          });
        });
  r.add("POST", "/api/v1/tariff-charges/{id}/waive", p.billing_manage, "Waive a pending charge",
        [&s](Request& req) { return waive(s, req); });
}

}  // namespace rg::billing
