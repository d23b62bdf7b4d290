#include "banking/accounts/routes.hpp"

#include <boost/json.hpp>

#include "banking/ledger/routes.hpp"
#include "http/json.hpp"

namespace rg::accounts {

namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

// The {id} of the path when it names an account of the caller's tenant: another tenant's account
// is 404 whatever the body says, so its existence is checked before the input.
Result<Id> path_id(AccountService& s, const Request& req) {
  auto id = parse_id(req.param("id"));
  if (!id || !s.view(req.principal->tenant_id, *id)) return Error::not_found("Account not found.");
  return *id;
}

template <typename F>
Response by_id(AccountService& s, const Request& req, F&& fn) {
  auto id = path_id(s, req);
  if (!id) return http::problem_for(req, id.error());
  return fn(*id);
}

audit::Entry who(const Request& req, const char* action) { return audit::entry_for(req, action, "account"); }

Response view_response(const Request& req, const Result<AccountView>& v, int status = 200) {
  if (!v) return http::problem_for(req, v.error());
  return http::json(json::parse(account_json(*v)), status);
}

Response transfer_response(const Request& req, const Result<ledger::Transfer>& t) {
  if (!t) return http::problem_for(req, t.error());
  return http::json(json::parse(ledger::transfer_json(*t)), 201);
}

// An optional body (actions without inputs may be posted empty).
Result<json::object> body_of(const Request& req) {
  if (req.body.empty()) return json::object{};
  return http::parse_object(req);
}

std::optional<int> minutes_of(const std::string& hhmm) {
  if (hhmm.size() != 5 || hhmm[2] != ':' || !std::isdigit(hhmm[0]) || !std::isdigit(hhmm[1]) || !std::isdigit(hhmm[3]) ||
      !std::isdigit(hhmm[4])) {
    return std::nullopt;
  }
  const int h = std::stoi(hhmm.substr(0, 2));
  const int m = std::stoi(hhmm.substr(3, 2));
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

Response list(AccountService& s, const Request& req) {
  http::QueryReader q(req);
  const auto page = q.page();
  ListFilter f;
  f.customer_id = q.id("customer_id");
  if (auto st = q.one_of("status", {"active", "suspended", "cancelled"})) f.status = parse_status(*st);
  if (auto k = q.one_of("kind", {"main", "escrow", "loan", "wallet"})) f.kind = parse_kind(*k);
  f.parent_id = q.id("parent_id");
  if (auto n = q.text("number", {.max_bytes = 12})) {
    // "10000001-5" or "10000001": the check digit is derived, not searched.
    f.number = n->substr(0, n->find('-'));
  }
  if (auto error = q.error()) return http::problem_for(req, *error);
  f.before_id = page.cursor;
  f.limit = page.size + 1;
  auto rows = s.list(req.principal->tenant_id, f);
  return http::json_page(rows, page.size, [](const AccountView& v) { return account_json(v); },
                         [](const AccountView& v) { return v.account.id; });
}

Response open(AccountService& s, const Request& req) {
  auto body = http::parse_object(req);
  if (!body) return http::problem_for(req, body.error());
  http::FieldReader in(*body);
  OpenInput input;
  auto customer = in.text("customer_id", {.required = true, .max_length = 20});
  if (customer) {
    auto id = parse_id(*customer);
    if (!id) in.fail("customer_id", "customer_id must be a customer's id.");
    input.customer_id = id.value_or(0);
  }
  if (auto plan = in.text("plan_id", {.max_length = 20}); plan && !plan->empty()) {
    input.plan_id = parse_id(*plan);
    if (!input.plan_id) in.fail("plan_id", "plan_id must be a plan's id.");
  }
  if (auto night = in.text("night_start", {.max_length = 5})) {
    input.night_start_minutes = minutes_of(*night);
    if (!input.night_start_minutes) in.fail("night_start", "Use HH:MM, e.g. 20:00.");
  }
  input.description = in.text("description", {.max_length = 200}).value_or("");
  if (auto error = in.error()) return http::problem_for(req, *error);
  return view_response(req, s.open(who(req, "account.opened"), input), 201);
}

Response get(AccountService& s, const Request& req) {
  auto id = path_id(s, req);
  if (!id) return http::problem_for(req, id.error());
  auto v = s.view(req.principal->tenant_id, *id);
  if (!v) return http::problem_for(req, v.error());
  auto o = json::parse(account_json(*v)).as_object();
  json::array subs;
  for (const auto& sub : s.sub_accounts(req.principal->tenant_id, *id)) subs.push_back(json::parse(account_json(sub)));
  o["sub_accounts"] = std::move(subs);
  return http::json(o);
}

Response open_sub(AccountService& s, const Request& req) {
  auto id = path_id(s, req);
  if (!id) return http::problem_for(req, id.error());
  auto body = http::parse_object(req);
  if (!body) return http::problem_for(req, body.error());
  http::FieldReader in(*body);
  auto kind = in.choice("kind", {"escrow", "loan", "wallet"}, true);
  auto description = in.text("description", {.max_length = 200}).value_or("");
  if (auto error = in.error()) return http::problem_for(req, *error);
  return view_response(req, s.open_sub(who(req, "account.opened"), *id, *parse_kind(*kind), description), 201);
}

// suspend / reactivate / cancel: {reason}.
template <typename F>
Response with_reason(AccountService& s, const Request& req, F&& fn) {
  auto id = path_id(s, req);
  if (!id) return http::problem_for(req, id.error());
  auto body = body_of(req);
  if (!body) return http::problem_for(req, body.error());
  http::FieldReader in(*body);
  auto reason = in.text("reason", {.max_length = reason_length_max}).value_or("");
  if (auto error = in.error()) return http::problem_for(req, *error);
  return view_response(req, fn(*id, reason));
}

Response residual(AccountService& s, const Request& req) {
  auto id = path_id(s, req);
  if (!id) return http::problem_for(req, id.error());
  auto body = http::parse_object(req);
  if (!body) return http::problem_for(req, body.error());
  http::FieldReader in(*body);
  auto to = in.text("to_account_id", {.required = true, .max_length = 20});
  std::optional<Id> to_id = to ? parse_id(*to) : std::nullopt;
  if (to && !to_id) in.fail("to_account_id", "to_account_id must be an account id.");
  if (auto error = in.error()) return http::problem_for(req, *error);
  return transfer_response(req, s.move_residual(who(req, "account.residual_moved"), *id, *to_id));
}

Response redeem(AccountService& s, const Request& req) {
  auto id = path_id(s, req);
  if (!id) return http::problem_for(req, id.error());
  auto body = body_of(req);
  if (!body) return http::problem_for(req, body.error());
  http::FieldReader in(*body);
  auto amount = in.integer("amount", {.min = 0}).value_or(0);
  if (auto error = in.error()) return http::problem_for(req, *error);
  return transfer_response(req, s.redeem(who(req, "account.redeemed"), *id, amount));
}

Response plan(AccountService& s, const Request& req) {
  auto id = path_id(s, req);
  if (!id) return http::problem_for(req, id.error());
  auto body = http::parse_object(req);
  if (!body) return http::problem_for(req, body.error());
  http::FieldReader in(*body);
  auto plan = in.text("plan_id", {.required = true, .max_length = 20});
  std::optional<Id> plan_id = plan ? parse_id(*plan) : std::nullopt;
  if (plan && !plan_id) in.fail("plan_id", "plan_id must be a plan's id.");
  if (auto error = in.error()) return http::problem_for(req, *error);
  return view_response(req, s.set_plan(who(req, "account.plan_changed"), *id, *plan_id));
}

Response night_start(AccountService& s, const Request& req) {
  auto id = path_id(s, req);
  if (!id) return http::problem_for(req, id.error());
  auto body = http::parse_object(req);
  if (!body) return http::problem_for(req, body.error());
  http::FieldReader in(*body);
  auto text = in.text("night_start", {.required = true, .max_length = 5});
  auto minutes = text ? minutes_of(*text) : std::nullopt;
  if (text && !minutes) in.fail("night_start", "Use HH:MM, e.g. 20:00.");
  if (auto error = in.error()) return http::problem_for(req, *error);
  return view_response(req, s.set_night_start(who(req, "account.night_start_changed"), *id, *minutes));
}

Response deposit(AccountService& s, const Request& req) {
  auto id = path_id(s, req);
  if (!id) return http::problem_for(req, id.error());
  auto body = http::parse_object(req);
  if (!body) return http::problem_for(req, body.error());
  http::FieldReader in(*body);
  auto amount = in.integer("amount", {.required = true});
  auto description = in.text("description", {.max_length = ledger::description_length_max}).value_or("");
  if (auto error = in.error()) return http::problem_for(req, *error);
  return transfer_response(req, s.deposit(who(req, "account.deposit"), *id, *amount, description));
}

json::object totals_object(const ledger::Account& a) {
  return {{"debits_pending", a.debits_pending}, {"debits_posted", a.debits_posted},
          {"credits_pending", a.credits_pending}, {"credits_posted", a.credits_posted}, {"balance", a.balance()}};
}

Response resync(AccountService& s, const Request& req) {
  auto id = path_id(s, req);
  if (!id) return http::problem_for(req, id.error());
  auto r = s.resync(who(req, "account.resynced"), *id);
  if (!r) return http::problem_for(req, r.error());
  json::array corrections;
  for (const auto& t : r->corrections) corrections.push_back(json::parse(ledger::transfer_json(t)));
  ledger::Account computed = r->before;
  computed.debits_pending = r->computed.debits_pending;
  computed.debits_posted = r->computed.debits_posted;
  computed.credits_pending = r->computed.credits_pending;
  computed.credits_posted = r->computed.credits_posted;
  return http::json(json::object{{"diverged", r->diverged},
                                 {"before", totals_object(r->before)},
                                 {"from_transfers", totals_object(computed)},
                                 {"after", totals_object(r->after)},
                                 {"corrections", std::move(corrections)}});
}

// ACC-08: the balance as the ledger holds it now, checked against the account's transfers.
Response balance(AccountService& s, const Request& req) {
  auto id = path_id(s, req);
  if (!id) return http::problem_for(req, id.error());
  auto v = s.view(req.principal->tenant_id, *id);
  if (!v) return http::problem_for(req, v.error());
  auto check = s.database().transact(db::TxMode::read, [&](db::Transaction& tx) {
    return s.ledger().check_totals(tx, req.principal->tenant_id, *id, false);
  });
  return http::json(json::object{{"account_id", std::to_string(*id)},
                                 {"balance", v->ledger.balance()},
                                 {"available", v->ledger.available()},
                                 {"blocked", v->ledger.debits_pending},
                                 {"overdraft_limit", v->ledger.overdraft_limit},
                                 {"consistent", check && !check->diverges()},
                                 {"as_of", format_iso8601_utc(s.clock().now_us())}});
}

// The statement: an account's transfers from its side (direction, signed amount, balance after).
Response statement(AccountService& s, const Request& req) {
  http::QueryReader q(req);
  const auto page = q.page();
  const auto account_id = q.id("account_id");
  const auto period = q.period();
  auto code = q.text("code", {.max_bytes = ledger::code_length_max});
  if (!q.error() && !account_id) q.fail("account_id", "account_id is required.");
  if (auto error = q.error()) return http::problem_for(req, *error);
  auto v = s.view(req.principal->tenant_id, *account_id);
  if (!v) return http::problem_for(req, Error::invalid("account_id", "No such account."));
  ledger::store::StatementFilter f;
  f.account_id = *account_id;
  f.from_us = period.from_us;
  f.to_us = period.to_us;
  if (code) f.codes.push_back(*code);
  f.before_id = page.cursor;
  f.limit = page.size + 1;
  auto rows = s.ledger().statement(req.principal->tenant_id, f);
  const Id me = *account_id;
  return http::json_page(
      rows, page.size,
      [me](const ledger::Transfer& t) {
        const bool credit = t.credit_account_id == me;
        // A pending or voided hold moved nothing yet: its signed amount is 0 in the balance.
        return json::serialize(json::object{
            {"id", std::to_string(t.id)},
            {"created_at", format_iso8601_utc(t.created_at_us)},
            {"code", t.code},
            {"description", t.description},
            {"direction", credit ? "credit" : "debit"},
            {"amount", t.amount},
            {"signed_amount", credit ? t.amount : -t.amount},
            {"balance_after", credit ? t.credit_balance : t.debit_balance},
            {"state", ledger::state_name(t.state)},
            {"counterparty_account_id", std::to_string(credit ? t.debit_account_id : t.credit_account_id)},
            {"client_id", t.client_id}});
      },
      [](const ledger::Transfer& t) { return t.id; });
}

}  // namespace

std::vector<exports::ListExport> account_exports() {
  using exports::ColumnType;
  return {{"/api/v1/accounts", "accounts", "Contas", "Accounts",
           {{"branch", "Agência", "Branch", ColumnType::text, 8},
            {"number", "Conta", "Account", ColumnType::text, 12},
            {"check_digit", "Dígito", "Check digit", ColumnType::text, 6},
            {"holder.name", "Titular", "Holder", ColumnType::text, 32},
            {"holder.document", "CPF/CNPJ", "CPF/CNPJ", ColumnType::text, 20},
            {"kind", "Tipo", "Kind", ColumnType::text, 10},
            {"status", "Situação", "Status", ColumnType::text, 12},
            {"balance", "Saldo", "Balance", ColumnType::money_centavos},
            {"available", "Disponível", "Available", ColumnType::money_centavos},
            {"created_at", "Aberta em", "Opened at", ColumnType::datetime}},
           {}},
          {"/api/v1/statement", "statement", "Extrato", "Statement",
           {{"created_at", "Data", "Date", ColumnType::datetime},
            {"code", "Tipo", "Type", ColumnType::text, 12},
            {"description", "Descrição", "Description", ColumnType::text, 40},
            {"signed_amount", "Valor", "Amount", ColumnType::money_centavos},
            {"balance_after", "Saldo", "Balance", ColumnType::money_centavos},
            {"state", "Situação", "State", ColumnType::text, 10},
            {"id", "Transação", "Transaction", ColumnType::text, 20}},
           {}}};
}

void register_account_routes(http::Router& r, AccountService& s, RoutePermissions p) {
  r.add("GET", "/api/v1/accounts", p.read, "Accounts, newest first", [&s](Request& req) { return list(s, req); });
  r.add("POST", "/api/v1/accounts", p.open, "Open a customer's account", [&s](Request& req) { return open(s, req); });
  r.add("GET", "/api/v1/accounts/{id}", p.read, "An account with its balances and sub-accounts",
        [&s](Request& req) { return get(s, req); });
  r.add("POST", "/api/v1/accounts/{id}/sub-accounts", p.open, "Open a sub-account (escrow, loan, wallet)",
        [&s](Request& req) { return open_sub(s, req); });
  r.add("POST", "/api/v1/accounts/{id}/suspend", p.status, "Suspend an account", [&s](Request& req) {
    return with_reason(s, req, [&](Id id, const std::string& reason) { return s.suspend(who(req, "account.suspended"), id, reason); });
  });
  r.add("POST", "/api/v1/accounts/{id}/reactivate", p.status, "Remove an account's suspension", [&s](Request& req) {
    return with_reason(s, req, [&](Id id, const std::string& reason) {
      return s.reactivate(who(req, "account.reactivated"), id, reason);
    });
  });
  r.add("POST", "/api/v1/accounts/{id}/cancel", p.cancel, "Cancel an account (irreversible; zero balance)",
        [&s](Request& req) {
          return with_reason(s, req, [&](Id id, const std::string& reason) {
            return s.cancel(who(req, "account.cancelled"), id, reason);
          });
        });
  r.add("POST", "/api/v1/accounts/{id}/residual", p.cancel, "Move the residual balance to another account of the holder",
        [&s](Request& req) { return residual(s, req); });
  r.add("POST", "/api/v1/accounts/{id}/redeem", p.manage, "Redeem a sub-account's balance into its main account",
        [&s](Request& req) { return redeem(s, req); });
  r.add("PUT", "/api/v1/accounts/{id}/plan", p.manage, "Set the account's plan", [&s](Request& req) { return plan(s, req); });
  r.add("PUT", "/api/v1/accounts/{id}/night-start", p.manage, "Set when night-time limits start",
        [&s](Request& req) { return night_start(s, req); });
  r.add("POST", "/api/v1/accounts/{id}/sync-alias", p.manage, "Publish the bank domicile again (alias sync)",
        [&s](Request& req) {
          return by_id(s, req, [&](Id id) { return view_response(req, s.sync_alias(who(req, "account.alias_synced"), id)); });
        });
  r.add("POST", "/api/v1/accounts/{id}/sync-status", p.status, "Publish the status again (status sync)",
        [&s](Request& req) {
          return by_id(s, req, [&](Id id) { return view_response(req, s.sync_status(who(req, "account.status_synced"), id)); });
        });
  r.add("POST", "/api/v1/accounts/{id}/deposits", p.deposit, "A sandbox deposit into the account",
        [&s](Request& req) { return deposit(s, req); });
  r.add("POST", "/api/v1/accounts/{id}/resync", p.manage, "Recompute the balance from the transfers and repair it",
        [&s](Request& req) { return resync(s, req); });
  r.add("GET", "/api/v1/accounts/{id}/balance", p.read, "The authoritative balance", [&s](Request& req) {
    return balance(s, req);
  });
  r.add("GET", "/api/v1/statement", p.read, "An account's statement, newest first",
        [&s](Request& req) { return statement(s, req); });
}

}  // namespace rg::accounts
