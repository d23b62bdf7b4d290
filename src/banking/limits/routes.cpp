// HTTP for limits (TRX-05) and cash-out levels (ACC-14).
#include "banking/limits/routes.hpp"

#include <boost/json.hpp>

#include "banking/common.hpp"
#include "banking/transaction_types.hpp"
#include "http/json.hpp"

namespace rg::banking::limits {

namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

json::array array_of(const std::vector<std::string>& documents) {
  json::array out;
  for (const auto& d : documents) out.push_back(json::parse(d));
  return out;
}

// The four values of a body; null or absent = not set.
LimitValues read_values(http::FieldReader& in) {
  const http::FieldReader::IntegerRules rules{.min = 0, .max = limit_value_max};
  return {in.integer(field_day_per_transaction, rules), in.integer(field_day_per_day, rules),
          in.integer(field_night_per_transaction, rules), in.integer(field_night_per_day, rules)};
}

bool has_values(const http::FieldReader& in) {
  return in.has(field_day_per_transaction) || in.has(field_day_per_day) || in.has(field_night_per_transaction) ||
         in.has(field_night_per_day);
}

Result<LimitValues> values_body(const Request& req) {
  auto body = http::parse_object(req);
  if (!body) return body.error();
  http::FieldReader in(*body);
  auto values = read_values(in);
  if (auto error = in.error()) return *error;
  return values;
}

Result<Id> account_param(const Request& req) {
  auto id = parse_id(req.param("account_id"));
  if (!id || *id <= 0) return Error::not_found("Account not found.");
  return *id;
}

Result<Id> level_param(const Request& req) {
  auto id = parse_id(req.param("id"));
  if (!id) return Error::not_found("Cash-out level not found.");
  return *id;
}

Result<CashOutLevelInput> level_body(const Request& req, bool create) {
  auto body = http::parse_object(req);
  if (!body) return body.error();
  http::FieldReader in(*body);
  CashOutLevelInput input;
  if (auto level = in.integer("level", {.required = create, .min = 1, .max = cash_out_levels_max})) {
    input.level = static_cast<int>(*level);
  }
  input.name = in.text("name", {.required = create, .max_length = level_name_chars_max});
  if (create || has_values(in)) input.values = read_values(in);
  if (auto error = in.error()) return *error;
  return input;
}

Response put_response(const Request& req, const Result<PutResult>& put) {
  if (!put) return http::problem_for(req, put.error());
  return http::json(json::parse(limit_rule_json(put->rule)), put->created ? 201 : 200);
}

Response level_response(const Request& req, const Result<CashOutLevel>& level, int status = 200) {
  if (!level) return http::problem_for(req, level.error());
  return http::json(json::parse(cash_out_level_json(*level)), status);
}

json::value account_limits_value(const AccountLimits& a) {
  std::vector<std::string> effective;
  for (const auto& e : a.effective) effective.push_back(effective_json(e));
  std::vector<std::string> overrides;
  for (const auto& r : a.overrides) overrides.push_back(limit_rule_json(r));
  return json::object{
      {"account_id", std::to_string(a.account_id)},
      {"cash_out_level", a.cash_out_level ? json::parse(cash_out_level_json(*a.cash_out_level)) : json::value(nullptr)},
      {"effective", array_of(effective)},
      {"overrides", array_of(overrides)}};
}

void add_rules(http::Router& router, LimitService& service, RoutePermissions p) {
  router.add("GET", "/api/v1/limits", p.read, "The base limits: one row per transaction type", [&](Request& req) {
    const auto rules = service.rules(req.principal->tenant_id, base_scope);
    json::array items;
    for (const auto& type : transaction_types) {
      const LimitRule* rule = nullptr;
      for (const auto& r : rules) {
        if (r.transaction_type == type.code) rule = &r;
      }
      json::object item{{"transaction_type", type.code},
                        {"label_pt", type.label_pt},
                        {"label_en", type.label_en},
                        {"cash_out", type.cash_out}};
      if (rule) {
        auto o = json::parse(limit_rule_json(*rule)).as_object();
        for (const char* k :
             {"id", "day_per_transaction", "day_per_day", "night_per_transaction", "night_per_day", "updated_at"}) {
          item[k] = o[k];
        }
      } else {
        for (const char* k :
             {"id", "day_per_transaction", "day_per_day", "night_per_transaction", "night_per_day", "updated_at"}) {
          item[k] = nullptr;
        }
      }
      items.push_back(std::move(item));
    }
    return http::json(json::object{{"items", std::move(items)}});
  });
  router.add("PUT", "/api/v1/limits/base/{transaction_type}", p.write,
             "Set the base limits of a transaction type (null = no limit)", [&](Request& req) {
               auto values = values_body(req);
               if (!values) return http::problem_for(req, values.error());
               return put_response(req, service.put(audit::entry_for(req, ""), base_scope,
                                                    std::string(req.param("transaction_type")), *values));
             });
  router.add("DELETE", "/api/v1/limits/base/{transaction_type}", p.write,
             "Remove the base limits of a transaction type", [&](Request& req) {
               auto removed =
                   service.remove(audit::entry_for(req, ""), base_scope, std::string(req.param("transaction_type")));
               return removed ? no_content() : http::problem_for(req, removed.error());
             });
  router.add("GET", "/api/v1/limits/accounts/{account_id}", p.read,
             "An account's effective limits with their origin, its overrides and cash-out level", [&](Request& req) {
               auto account = account_param(req);
               if (!account) return http::problem_for(req, account.error());
               auto limits = service.account_limits(req.principal->tenant_id, *account);
               if (!limits) return http::problem_for(req, limits.error());
               return http::json(account_limits_value(*limits));
             });
  router.add("PUT", "/api/v1/limits/accounts/{account_id}/types/{transaction_type}", p.write,
             "Set an account's override of a transaction type (null = inherit the base)", [&](Request& req) {
               auto account = account_param(req);
               if (!account) return http::problem_for(req, account.error());
               auto values = values_body(req);
               if (!values) return http::problem_for(req, values.error());
               return put_response(req, service.put(audit::entry_for(req, ""), *account,
                                                    std::string(req.param("transaction_type")), *values));
             });
  router.add("DELETE", "/api/v1/limits/accounts/{account_id}/types/{transaction_type}", p.write,
             "Delete an account's override (the base applies again)", [&](Request& req) {
               auto account = account_param(req);
               if (!account) return http::problem_for(req, account.error());
               auto removed =
                   service.remove(audit::entry_for(req, ""), *account, std::string(req.param("transaction_type")));
               return removed ? no_content() : http::problem_for(req, removed.error());
             });
  router.add("PUT", "/api/v1/limits/accounts/{account_id}/cash-out-level", p.write,
             "Assign a cash-out level to an account (level_id null removes it)", [&](Request& req) {
               auto account = account_param(req);
               if (!account) return http::problem_for(req, account.error());
               auto body = http::parse_object(req);
               if (!body) return http::problem_for(req, body.error());
               http::FieldReader in(*body);
               std::optional<Id> level_id;
               if (!in.has("level_id")) in.fail("level_id", "This field is required (null removes the level).");
               if (auto text = in.text("level_id", {.max_length = 20})) {
                 level_id = parse_id(*text);
                 if (!level_id) in.fail("level_id", "Must be a cash-out level id.");
               }
               if (auto error = in.error()) {
                 if (auto exists = service.account_exists(req.principal->tenant_id, *account); !exists) {
                   return http::problem_for(req, exists.error());
                 }
                 return http::problem_for(req, *error);
               }
               auto level = service.assign_level(audit::entry_for(req, ""), *account, level_id);
               if (!level) return http::problem_for(req, level.error());
               return http::json(json::object{
                   {"account_id", std::to_string(*account)},
                   {"cash_out_level", *level ? json::parse(cash_out_level_json(**level)) : json::value(nullptr)}});
             });
}

void add_levels(http::Router& router, LimitService& service, RoutePermissions p) {
  router.add("GET", "/api/v1/cash-out-levels", p.read, "The tenant's cash-out levels, by number", [&](Request& req) {
    std::vector<std::string> items;
    for (const auto& l : service.levels(req.principal->tenant_id)) items.push_back(cash_out_level_json(l));
    return http::json(json::object{{"items", array_of(items)}, {"next_cursor", nullptr}});
  });
  router.add("POST", "/api/v1/cash-out-levels", p.write, "Create a cash-out level", [&](Request& req) {
    auto input = level_body(req, true);
    if (!input) return http::problem_for(req, input.error());
    return level_response(req, service.create_level(audit::entry_for(req, ""), *input), 201);
  });
  router.add("GET", "/api/v1/cash-out-levels/{id}", p.read, "One cash-out level", [&](Request& req) {
    auto id = level_param(req);
    if (!id) return http::problem_for(req, id.error());
    return level_response(req, service.level(req.principal->tenant_id, *id));
  });
  router.add("PATCH", "/api/v1/cash-out-levels/{id}", p.write, "Change a cash-out level", [&](Request& req) {
    auto id = level_param(req);
    if (!id) return http::problem_for(req, id.error());
    auto input = level_body(req, false);
    if (!input) return http::problem_for(req, input.error());
    return level_response(req, service.update_level(audit::entry_for(req, ""), *id, *input));
  });
  router.add("DELETE", "/api/v1/cash-out-levels/{id}", p.write, "Delete a cash-out level no account uses",
             [&](Request& req) {
               auto id = level_param(req);
               if (!id) return http::problem_for(req, id.error());
               auto removed = service.remove_level(audit::entry_for(req, ""), *id);
               return removed ? no_content() : http::problem_for(req, removed.error());
             });
}

}  // namespace

void register_limit_routes(http::Router& router, LimitService& service, RoutePermissions permissions) {
  add_rules(router, service, permissions);
  add_levels(router, service, permissions);
}

}  // namespace rg::banking::limits
