// HTTP for plans (ACC-03) and tariffs (TRX-06).
#include "banking/plans/routes.hpp"

#include <boost/json.hpp>

#include "banking/common.hpp"
#include "http/json.hpp"

namespace rg::banking::plans {

namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

Result<Id> path_id(const Request& req, const char* what) {
  auto id = parse_id(req.param("id"));
  if (!id) return Error::not_found(std::string(what) + " not found.");
  return *id;
}

Response plan_response(const Request& req, const Result<Plan>& plan, int status = 200) {
  if (!plan) return http::problem_for(req, plan.error());
  return http::json(json::parse(plan_json(*plan)), status);
}

Response tariff_response(const Request& req, const Result<Tariff>& tariff, int status = 200) {
  if (!tariff) return http::problem_for(req, tariff.error());
  return http::json(json::parse(tariff_json(*tariff)), status);
}

const http::FieldReader::IntegerRules amount_rules{.min = 0, .max = plan_amount_max};

// {"key": "value", …}: string values only.
std::optional<std::map<std::string, std::string>> read_parameters(const json::object& body, http::FieldReader& in) {
  const auto* v = body.if_contains("parameters");
  if (!v) return std::nullopt;
  std::map<std::string, std::string> out;
  if (v->is_null()) return out;
  if (!v->is_object()) {
    in.fail("parameters", "Must be an object of text values.");
    return std::nullopt;
  }
  for (const auto& [k, value] : v->as_object()) {
    if (!value.is_string()) {
      in.fail("parameters", "Parameter values are text: " + std::string(k).substr(0, 80));
      return std::nullopt;
    }
    out[std::string(k)] = std::string(value.as_string());
  }
  return out;
}

Result<PlanInput> read_plan(const Request& req, bool create) {
  auto body = http::parse_object(req);
  if (!body) return body.error();
  http::FieldReader in(*body);
  PlanInput input;
  input.name = in.text("name", {.required = create, .max_length = plan_name_chars_max});
  input.description = in.text("description", {.max_length = plan_description_chars_max});
  input.active = in.boolean("active");
  input.is_default = in.boolean("is_default");
  input.overdraft_limit = in.integer("overdraft_limit", amount_rules);
  input.monthly_fee = in.integer("monthly_fee", amount_rules);
  input.parameters = read_parameters(*body, in);
  if (create) {
    input.card_product_ids = in.strings("card_product_ids", false, card_products_per_plan_max);
  } else if (in.has("card_product_ids")) {
    in.fail("card_product_ids", "Add and remove card IDs with /plans/{id}/card-products.");
  }
  if (auto error = in.error()) return *error;
  return input;
}

Result<TariffInput> read_tariff(const Request& req, bool create) {
  auto body = http::parse_object(req);
  if (!body) return body.error();
  http::FieldReader in(*body);
  TariffInput input;
  if (create) {
    if (auto plan = in.text("plan_id", {.required = true, .max_length = 20})) {
      input.plan_id = parse_id(*plan);
      if (!input.plan_id) in.fail("plan_id", "Must be a plan id.");
    }
    input.operation = in.text("operation", {.required = true, .max_length = 40});
  } else {
    for (const char* fixed : {"plan_id", "operation"}) {
      if (in.has(fixed)) in.fail(fixed, "Cannot be changed; create another tariff.");
    }
  }
  if (auto kind = in.choice("kind", {"fixed", "percentage"}, create)) input.kind = kind_from(*kind);
  input.fixed_amount = in.integer("fixed_amount", amount_rules);
  input.rate_bps = in.integer("rate_bps", {.min = 0, .max = basis_points_per_unit});
  // min_amount / max_amount: a number sets it, null clears it, absent leaves it.
  for (auto [key, target] : {std::pair{"min_amount", &input.min_amount}, std::pair{"max_amount", &input.max_amount}}) {
    if (in.has(key)) *target = in.integer(key, amount_rules);
  }
  if (auto quota = in.integer("free_quota", {.min = 0, .max = free_quota_max}))
    input.free_quota = static_cast<int>(*quota);
  input.active = in.boolean("active");
  input.description = in.text("description", {.max_length = tariff_description_chars_max});
  if (auto error = in.error()) return *error;
  return input;
}

void add_plans(http::Router& router, PlanService& service, RoutePermissions p) {
  router.add("GET", "/api/v1/plans", p.plans_read, "The tenant's plans", [&](Request& req) {
    http::QueryReader q(req);
    PlanFilter f;
    const auto page = q.page();
    f.limit = page.size + 1;
    f.after_id = page.cursor;
    f.active = q.boolean("active");
    f.text = q.text("q", {.max_bytes = 200, .clean = true});
    f.tag_id = q.id("tag", "Must be a tag id.");
    if (auto error = q.error()) return http::problem_for(req, *error);
    return http::json_page(service.list(req.principal->tenant_id, f), page.size, plan_json,
                           [](const Plan& plan) { return plan.id; });
  });
  router.add("POST", "/api/v1/plans", p.plans_write, "Create a plan", [&](Request& req) {
    auto input = read_plan(req, true);
    if (!input) return http::problem_for(req, input.error());
    return plan_response(req, service.create(audit::entry_for(req, ""), *input), 201);
  });
  router.add("GET", "/api/v1/plans/{id}", p.plans_read, "One plan with its card IDs and parameters", [&](Request& req) {
    auto id = path_id(req, "Plan");
    if (!id) return http::problem_for(req, id.error());
    return plan_response(req, service.get(req.principal->tenant_id, *id));
  });
  router.add("PATCH", "/api/v1/plans/{id}", p.plans_write, "Change a plan", [&](Request& req) {
    auto id = path_id(req, "Plan");
    if (!id) return http::problem_for(req, id.error());
    auto input = read_plan(req, false);
    if (!input) return http::problem_for(req, input.error());
    return plan_response(req, service.update(audit::entry_for(req, ""), *id, *input));
  });
  router.add("DELETE", "/api/v1/plans/{id}", p.plans_write, "Delete a plan no account uses (restorable)",
             [&](Request& req) {
               auto id = path_id(req, "Plan");
               if (!id) return http::problem_for(req, id.error());
               auto removed = service.remove(audit::entry_for(req, ""), *id);
               return removed ? no_content() : http::problem_for(req, removed.error());
             });
  router.add("POST", "/api/v1/plans/{id}/card-products", p.plans_write, "Add a card product ID to a plan",
             [&](Request& req) {
               auto id = path_id(req, "Plan");
               if (!id) return http::problem_for(req, id.error());
               if (auto plan = service.get(req.principal->tenant_id, *id); !plan) {
                 return http::problem_for(req, plan.error());
               }
               auto body = http::parse_object(req);
               if (!body) return http::problem_for(req, body.error());
               http::FieldReader in(*body);
               auto card = in.text("card_product_id", {.required = true, .max_length = card_product_id_chars_max});
               if (auto error = in.error()) return http::problem_for(req, *error);
               auto added = service.add_card_product(audit::entry_for(req, ""), *id, *card);
               if (!added) return http::problem_for(req, added.error());
               return plan_response(req, service.get(req.principal->tenant_id, *id), *added ? 201 : 200);
             });
  router.add("DELETE", "/api/v1/plans/{id}/card-products/{card_product_id}", p.plans_write,
             "Remove a card product ID from a plan", [&](Request& req) {
               auto id = path_id(req, "Plan");
               if (!id) return http::problem_for(req, id.error());
               auto removed = service.remove_card_product(audit::entry_for(req, ""), *id,
                                                          std::string(req.param("card_product_id")));
               return removed ? no_content() : http::problem_for(req, removed.error());
             });
}

void add_tariffs(http::Router& router, PlanService& service, RoutePermissions p) {
  router.add("GET", "/api/v1/tariff-operations", p.tariffs_read, "Operations a tariff can be set on", [&](Request&) {
    json::array items;
    for (const auto& op : operations()) {
      items.push_back(json::object{
          {"code", op.code}, {"label_pt", op.label_pt}, {"label_en", op.label_en}, {"has_amount", op.has_amount}});
    }
    return http::json(json::object{{"items", std::move(items)}});
  });
  router.add("GET", "/api/v1/tariffs", p.tariffs_read, "Tariffs of every plan, filtered", [&](Request& req) {
    http::QueryReader q(req);
    TariffFilter f;
    const auto page = q.page();
    f.limit = page.size + 1;
    f.after_id = page.cursor;
    f.plan_id = q.id("plan_id", "Must be a plan id.");
    f.operation = q.text("operation", {.max_bytes = 40});
    if (f.operation && !find_operation(*f.operation)) q.fail("operation", "Unknown operation.");
    f.active = q.boolean("active");
    if (auto error = q.error()) return http::problem_for(req, *error);
    return http::json_page(service.tariffs(req.principal->tenant_id, f), page.size, tariff_json,
                           [](const Tariff& t) { return t.id; });
  });
  router.add("POST", "/api/v1/tariffs", p.tariffs_write, "Create a plan's tariff on an operation", [&](Request& req) {
    auto input = read_tariff(req, true);
    if (!input) return http::problem_for(req, input.error());
    return tariff_response(req, service.create_tariff(audit::entry_for(req, ""), *input), 201);
  });
  router.add("GET", "/api/v1/tariffs/{id}", p.tariffs_read, "One tariff", [&](Request& req) {
    auto id = path_id(req, "Tariff");
    if (!id) return http::problem_for(req, id.error());
    return tariff_response(req, service.tariff(req.principal->tenant_id, *id));
  });
  router.add("PATCH", "/api/v1/tariffs/{id}", p.tariffs_write, "Change a tariff", [&](Request& req) {
    auto id = path_id(req, "Tariff");
    if (!id) return http::problem_for(req, id.error());
    auto input = read_tariff(req, false);
    if (!input) return http::problem_for(req, input.error());
    return tariff_response(req, service.update_tariff(audit::entry_for(req, ""), *id, *input));
  });
  router.add("DELETE", "/api/v1/tariffs/{id}", p.tariffs_write, "Delete a tariff", [&](Request& req) {
    auto id = path_id(req, "Tariff");
    if (!id) return http::problem_for(req, id.error());
    auto removed = service.remove_tariff(audit::entry_for(req, ""), *id);
    return removed ? no_content() : http::problem_for(req, removed.error());
  });
}

}  // namespace

void register_plan_routes(http::Router& router, PlanService& service, RoutePermissions permissions) {
  add_plans(router, service, permissions);
  add_tariffs(router, service, permissions);
}

std::vector<exports::ListExport> plan_exports() {
  using exports::ColumnType;
  return {
      {"/api/v1/plans",
       "plans",
       "Planos",
       "Plans",
       {{"name", "Nome", "Name", ColumnType::text, 24},
        {"description", "Descrição", "Description", ColumnType::text, 40},
        {"active", "Ativo", "Active", ColumnType::boolean},
        {"is_default", "Padrão", "Default", ColumnType::boolean},
        {"overdraft_limit", "Limite de cheque especial", "Overdraft limit", ColumnType::money_centavos},
        {"monthly_fee", "Mensalidade de referência", "Reference monthly fee", ColumnType::money_centavos},
        {"tariff_count", "Tarifas", "Tariffs", ColumnType::integer},
        {"created_at", "Criado em", "Created at", ColumnType::datetime},
        {"updated_at", "Alterado em", "Changed at", ColumnType::datetime}},
       {}},
      {"/api/v1/tariffs",
       "tariffs",
       "Tarifas",
       "Tariffs",
       {{"plan_name", "Plano", "Plan", ColumnType::text, 20},
        {"operation_label_pt", "Operação", "Operation", ColumnType::text, 24},
        {"kind", "Tipo", "Kind", ColumnType::text, 10},
        {"fixed_amount", "Valor fixo", "Fixed amount", ColumnType::money_centavos},
        {"rate_bps", "Percentual (bps)", "Rate (bps)", ColumnType::integer},
        {"min_amount", "Mínimo", "Minimum", ColumnType::money_centavos},
        {"max_amount", "Máximo", "Maximum", ColumnType::money_centavos},
        {"free_quota", "Isenções no mês", "Free per month", ColumnType::integer},
        {"active", "Ativa", "Active", ColumnType::boolean},
        {"description", "Descrição", "Description", ColumnType::text, 30},
        {"updated_at", "Alterada em", "Changed at", ColumnType::datetime}},
       {}},
  };
}

}  // namespace rg::banking::plans
