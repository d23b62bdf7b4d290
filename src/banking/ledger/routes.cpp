#include "banking/ledger/routes.hpp"

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "core/limits.hpp"
#include "http/json.hpp"

namespace rg::ledger {

namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

struct FlagName {
  std::uint32_t bit;
  const char* name;
};
constexpr FlagName transfer_flag_names[] = {{transfer_flags::linked, "linked"},
                                            {transfer_flags::pending, "pending"},
                                            {transfer_flags::post_pending, "post_pending"},
                                            {transfer_flags::void_pending, "void_pending"},
                                            {transfer_flags::balancing_debit, "balancing_debit"}};
constexpr FlagName account_flag_names[] = {{account_flags::debits_must_not_exceed_credits, "debits_must_not_exceed_credits"},
                                           {account_flags::credits_must_not_exceed_debits, "credits_must_not_exceed_debits"},
                                           {account_flags::closed, "closed"}};

template <std::size_t N>
json::array names_of(std::uint32_t flags, const FlagName (&table)[N]) {
  json::array out;
  for (const auto& f : table) {
    if (flags & f.bit) out.emplace_back(f.name);
  }
  return out;
}

template <std::size_t N>
std::optional<std::uint32_t> bits_of(const std::vector<std::string>& names, const FlagName (&table)[N]) {
  std::uint32_t bits = 0;
  for (const auto& n : names) {
    bool known = false;
    for (const auto& f : table) {
      if (n == f.name) {
        bits |= f.bit;
        known = true;
      }
    }
    if (!known) return std::nullopt;
  }
  return bits;
}

std::string iso(std::int64_t us) { return format_iso8601_utc(us); }

json::object account_object(const Account& a) {
  return {{"id", std::to_string(a.id)},
          {"code", a.code},
          {"flags", names_of(a.flags, account_flag_names)},
          {"overdraft_limit", a.overdraft_limit},
          {"debits_pending", a.debits_pending},
          {"debits_posted", a.debits_posted},
          {"credits_pending", a.credits_pending},
          {"credits_posted", a.credits_posted},
          {"balance", a.balance()},
          {"available", a.available()},
          {"description", a.description},
          {"created_at", iso(a.created_at_us)}};
}

json::object transfer_object(const Transfer& t) {
  json::object o{{"id", std::to_string(t.id)},
                 {"client_id", t.client_id},
                 {"debit_account_id", std::to_string(t.debit_account_id)},
                 {"credit_account_id", std::to_string(t.credit_account_id)},
                 {"amount", t.amount},
                 {"pending_id", t.pending_id ? json::value(std::to_string(*t.pending_id)) : json::value(nullptr)},
                 {"flags", names_of(t.flags, transfer_flag_names)},
                 {"code", t.code},
                 {"state", state_name(t.state)},
                 {"expires_at", t.expires_at_us ? json::value(iso(*t.expires_at_us)) : json::value(nullptr)},
                 {"debit_balance", t.debit_balance},
                 {"credit_balance", t.credit_balance},
                 {"description", t.description},
                 {"created_at", iso(t.created_at_us)}};
  return o;
}

// One transfer of a batch; errors name "transfers[i].field".
std::optional<TransferInput> read_transfer(const json::value& v, std::size_t index, std::vector<FieldError>& errors) {
  const std::string prefix = "transfers[" + std::to_string(index) + "].";
  if (!v.is_object()) {
    errors.push_back({prefix.substr(0, prefix.size() - 1), "Each transfer is a JSON object."});
    return std::nullopt;
  }
  http::FieldReader in(v.as_object());
  TransferInput t;
  t.client_id = in.text("client_id", {.required = true, .max_length = client_id_length_max, .trim = false}).value_or("");
  auto account = [&](const char* key) -> Id {
    auto text = in.text(key, {.max_length = 20});
    if (!text || text->empty()) return 0;
    auto id = parse_id(*text);
    if (!id) in.fail(key, std::string(key) + " must be an account id (a decimal string).");
    return id.value_or(0);
  };
  t.debit_account_id = account("debit_account_id");
  t.credit_account_id = account("credit_account_id");
  t.amount = in.integer("amount", {.min = 0}).value_or(0);
  t.pending_client_id = in.text("pending_client_id", {.max_length = client_id_length_max, .trim = false}).value_or("");
  if (auto names = in.strings("flags", false, 8)) {
    auto bits = bits_of(*names, transfer_flag_names);
    if (!bits) in.fail("flags", "Flags are linked, pending, post_pending, void_pending and balancing_debit.");
    t.flags = bits.value_or(0);
  }
  t.timeout_s = in.integer("timeout_s", {.min = 0, .max = pending_timeout_s_max}).value_or(0);
  t.code = in.text("code", {.max_length = code_length_max}).value_or("");
  t.description = in.text("description", {.max_length = description_length_max}).value_or("");
  if (auto error = in.error()) {
    for (auto f : error->fields) errors.push_back({prefix + f.field, f.message});
    return std::nullopt;
  }
  if (auto bad = check_input(t)) {
    errors.push_back({prefix + bad->field, bad->message});
    return std::nullopt;
  }
  return t;
}

Response post_transfers(LedgerService& service, const Request& req) {
  auto body = http::parse_object(req);
  if (!body) return http::problem_for(req, body.error());
  const auto* list = body->if_contains("transfers");
  if (!list || !list->is_array()) {
    return http::problem_for(req, Error::invalid("transfers", "transfers must be an array of transfers."));
  }
  const auto& array = list->as_array();
  if (array.empty() || array.size() > batch_transfers_max) {
    return http::problem_for(
        req, Error::invalid("transfers", "Send 1 to " + std::to_string(batch_transfers_max) + " transfers."));
  }
  std::vector<TransferInput> inputs;
  inputs.reserve(array.size());
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (auto t = read_transfer(array[i], i, errors)) inputs.push_back(std::move(*t));
    if (errors.size() >= 20) break;  // enough to fix a client
  }
  if (!errors.empty()) {
    Error e = Error::invalid(errors.front().field, errors.front().message);
    e.fields = std::move(errors);
    e.detail = "Some transfers are not valid; nothing was applied.";
    return http::problem_for(req, e);
  }
  auto outcomes = service.submit(req.principal->tenant_id, std::move(inputs));
  if (!outcomes) return http::problem_for(req, outcomes.error());
  json::array results;
  std::size_t created = 0;
  for (std::size_t i = 0; i < outcomes->size(); ++i) {
    const auto& o = (*outcomes)[i];
    json::object r{{"index", i},
                   {"client_id", array[i].as_object().at("client_id")},
                   {"result", result_name(o.result)},
                   {"transfer", o.transfer ? json::value(transfer_object(*o.transfer)) : json::value(nullptr)}};
    created += o.result == TransferResult::created;
    results.push_back(std::move(r));
  }
  return http::json(json::object{{"results", std::move(results)}, {"created", created}});
}

Result<Id> path_id(const Request& req, const char* what) {
  auto id = parse_id(req.param("id"));
  if (!id) return Error::not_found(std::string(what) + " not found.");
  return *id;
}

Response get_account(LedgerService& service, const Request& req) {
  auto id = path_id(req, "Account");
  if (!id) return http::problem_for(req, id.error());
  auto a = service.account(req.principal->tenant_id, *id);
  if (!a) return http::problem_for(req, Error::not_found("Account not found."));
  return http::json(account_object(*a));
}

Response account_transfers(LedgerService& service, const Request& req) {
  auto id = path_id(req, "Account");
  if (!id) return http::problem_for(req, id.error());
  http::QueryReader q(req);
  const auto page = q.page();
  const auto period = q.period();
  auto code = q.text("code", {.max_bytes = code_length_max});
  if (auto error = q.error()) return http::problem_for(req, *error);
  if (!service.account(req.principal->tenant_id, *id)) {
    return http::problem_for(req, Error::not_found("Account not found."));
  }
  store::StatementFilter f;
  f.account_id = *id;
  f.from_us = period.from_us;
  f.to_us = period.to_us;
  if (code) f.codes.push_back(*code);
  f.before_id = page.cursor;
  f.limit = page.size + 1;
  auto rows = service.statement(req.principal->tenant_id, f);
  return http::json_page(rows, page.size, [](const Transfer& t) { return transfer_json(t); },
                         [](const Transfer& t) { return t.id; });
}

Response get_transfer(LedgerService& service, const Request& req) {
  auto id = path_id(req, "Transfer");
  if (!id) return http::problem_for(req, id.error());
  auto t = service.transfer(req.principal->tenant_id, *id);
  if (!t) return http::problem_for(req, Error::not_found("Transfer not found."));
  return http::json(transfer_object(*t));
}

Response transfer_by_client(LedgerService& service, const Request& req) {
  http::QueryReader q(req);
  auto client_id = q.text("client_id", {.max_bytes = client_id_length_max});
  if (auto error = q.error()) return http::problem_for(req, *error);
  if (!client_id) return http::problem_for(req, Error::invalid("client_id", "client_id is required."));
  auto t = service.transfer_by_client_id(req.principal->tenant_id, *client_id);
  if (!t) return http::problem_for(req, Error::not_found("Transfer not found."));
  return http::json(transfer_object(*t));
}

// Integrations keep their own internal accounts (settlement, clearing); customer and revenue
// accounts belong to the accounts module and are opened there.
Response post_account(LedgerService& service, db::Database& db, const Request& req) {
  auto body = http::parse_object(req);
  if (!body) return http::problem_for(req, body.error());
  http::FieldReader in(*body);
  AccountInput a;
  a.code = in.choice("code", {"settlement", "clearing", "funding", "suspense"}, true).value_or("");
  if (auto names = in.strings("flags", false, 4)) {
    auto bits = bits_of(*names, account_flag_names);
    if (!bits || (*bits & account_flags::closed)) {
      in.fail("flags", "Flags are debits_must_not_exceed_credits and credits_must_not_exceed_debits.");
    }
    a.flags = bits.value_or(0);
  }
  a.description = in.text("description", {.max_length = 200}).value_or("");
  if (auto error = in.error()) return http::problem_for(req, *error);
  auto created = db.transact(db::TxMode::write, [&](db::Transaction& tx) {
    return service.open_account(tx, req.principal->tenant_id, a);
  });
  return http::json(account_object(created), 201);
}

}  // namespace

std::string account_json(const Account& a) { return json::serialize(account_object(a)); }
std::string transfer_json(const Transfer& t) { return json::serialize(transfer_object(t)); }
std::string flag_names_json(std::uint32_t flags, bool account) {
  return json::serialize(account ? names_of(flags, account_flag_names) : names_of(flags, transfer_flag_names));
}

void register_ledger_routes(http::Router& router, LedgerService& service, RoutePermissions p) {
  router
      .add("POST", "/api/v1/ledger/transfers", p.write, "Apply a batch of ledger transfers",
           [&service](Request& req) { return post_transfers(service, req); })
      .body_bytes_max = limits::ledger_batch_body_bytes_max;
  router.add("GET", "/api/v1/ledger/transfers", p.read, "Find a ledger transfer by client id",
             [&service](Request& req) { return transfer_by_client(service, req); });
  router.add("GET", "/api/v1/ledger/transfers/{id}", p.read, "A ledger transfer",
             [&service](Request& req) { return get_transfer(service, req); });
  router.add("POST", "/api/v1/ledger/accounts", p.write, "Open an internal ledger account",
             [&service](Request& req) { return post_account(service, service.database(), req); });
  router.add("GET", "/api/v1/ledger/accounts/{id}", p.read, "A ledger account and its balances",
             [&service](Request& req) { return get_account(service, req); });
  router.add("GET", "/api/v1/ledger/accounts/{id}/transfers", p.read, "A ledger account's transfers, newest first",
             [&service](Request& req) { return account_transfers(service, req); });
}

}  // namespace rg::ledger
