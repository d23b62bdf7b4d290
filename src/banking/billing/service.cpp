#include "banking/billing/service.hpp"

#include <boost/json.hpp>

#include <array>

#include "banking/accounts/store.hpp"
#include "banking/billing/store.hpp"
#include "banking/common.hpp"
#include "http/json.hpp"
#include "platform/jobs/service.hpp"

namespace rg::billing {

namespace json = boost::json;

namespace {

constexpr std::array<std::pair<ChargeStatus, const char*>, 3> statuses{
    {{ChargeStatus::pending, "pending"}, {ChargeStatus::collected, "collected"}, {ChargeStatus::waived, "waived"}}};
constexpr std::int64_t collect_period_ms = 60'000;
constexpr std::int64_t monthly_fee_period_ms = 3'600'000;
constexpr int job_batch = 200;
constexpr const char* target = "tariff_charge";

using http::id_or_null;
using http::text_or_null;
using http::time_or_null;

audit::Entry system_entry(Id tenant_id, const char* name) {
  audit::Entry e;
  e.tenant_id = tenant_id;
  e.actor_type = "system";
  e.actor_name = name;
  return e;
}

// "YYYY-MM" of the São Paulo date of an instant.
std::string month_of(std::int64_t utc_us) { return format_iso_date(sao_paulo_date(utc_us)).substr(0, 7); }

}  // namespace

const char* status_name(ChargeStatus s) {
  for (const auto& [v, n] : statuses) {
    if (v == s) return n;
  }
  return "pending";
}

std::optional<ChargeStatus> parse_status(std::string_view s) {
  for (const auto& [v, n] : statuses) {
    if (s == n) return v;
  }
  return std::nullopt;
}

std::string charge_json(const Charge& c) {
  return json::serialize(json::object{{"id", std::to_string(c.id)},
                                      {"account_id", std::to_string(c.account_id)},
                                      {"plan_id", id_or_null(c.plan_id)},
                                      {"tariff_id", id_or_null(c.tariff_id)},
                                      {"operation", c.operation},
                                      {"description", c.description},
                                      {"amount", c.amount},
                                      {"status", status_name(c.status)},
                                      {"source_type", c.source_type},
                                      {"source_id", c.source_id},
                                      {"ledger_transfer_id", id_or_null(c.ledger_transfer_id)},
                                      {"attempts", c.attempts},
                                      {"last_attempt_at", time_or_null(c.last_attempt_at_us)},
                                      {"created_at", format_iso8601_utc(c.created_at_us)},
                                      {"collected_at", time_or_null(c.collected_at_us)},
                                      {"waived_at", time_or_null(c.waived_at_us)},
                                      {"waived_by_name", text_or_null(c.waived_by_name)},
                                      {"waive_reason", text_or_null(c.waive_reason)}});
}

void register_billing_events(events::EventCatalog& c) {
  const std::string sample =
      R"({"id":"250000000000000020","account_id":"250000000000000001","plan_id":"250000000000000003","tariff_id":"250000000000000004","operation":"monthly_fee","description":"Mensalidade da cesta Plus","amount":1990,"status":"pending","source_type":"monthly_fee","source_id":"2026-11","ledger_transfer_id":null,"attempts":1})";
  c.add({"tariff_charge.pending", "Tarifa pendente de cobrança", "Tariff pending collection", sample});
  c.add({"tariff_charge.collected", "Tarifa pendente cobrada", "Pending tariff collected", sample});
  c.add({"tariff_charge.waived", "Tarifa isentada", "Tariff waived", sample});
}

BillingService::BillingService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                               events::EventLog& events, accounts::AccountService& accounts,
                               ledger::LedgerService& ledger)
    : db_(db), clock_(clock), ids_(ids), audit_(audit), events_(events), accounts_(accounts), ledger_(ledger) {}

void BillingService::register_jobs(jobs::JobQueue& jobs) {
  jobs.register_periodic(collect_job_kind, collect_period_ms, [this](const jobs::Job&) -> rg::Status {
    collect_pending();
    return {};
  });
  jobs.register_periodic(monthly_fee_job_kind, monthly_fee_period_ms, [this](const jobs::Job&) -> rg::Status {
    charge_monthly_fees();
    return {};
  });
}

ledger::TransferInput BillingService::collection(db::Transaction& tx, Id tenant_id, Id account_id, const TariffDue& due,
                                                 const std::string& client_id) {
  return {client_id,
          account_id,
          accounts_.tenant_account(tx, tenant_id, accounts::purpose_revenue),
          due.amount,
          "",
          0,
          0,
          ledger_code_tariff,
          due.description.substr(0, ledger::description_length_max)};
}

Charge BillingService::record(db::Transaction& tx, const audit::Entry& who, Id account_id, const TariffDue& due,
                              const std::string& source_type, const std::string& source_id,
                              std::optional<Id> collected_by) {
  const auto now = clock_.now_us();
  Charge c;
  c.tenant_id = who.tenant_id;
  c.id = ids_.next();
  c.account_id = account_id;
  c.plan_id = due.plan_id;
  c.tariff_id = due.tariff_id;
  c.operation = due.operation;
  c.description = due.description;
  c.amount = due.amount;
  c.source_type = source_type;
  c.source_id = source_id;
  c.attempts = 1;
  c.last_attempt_at_us = now;
  c.created_at_us = now;
  if (collected_by) {
    c.status = ChargeStatus::collected;
    c.ledger_transfer_id = collected_by;
    c.collected_at_us = now;
    c.collected_on = format_iso_date(sao_paulo_date(now));
  }
  store::insert(tx, c);
  // A charge collected with its operation is part of that operation's audit and event; one left
  // pending is news of its own (the billing center's worklist).
  if (!collected_by) banking::record_change(tx, audit_, events_, who, "tariff_charge.pending", target, c.id, "", charge_json(c));
  return c;
}

bool BillingService::try_collect(db::Transaction& tx, const audit::Entry& who, Charge& c) {
  const auto now = clock_.now_us();
  ++c.attempts;
  c.last_attempt_at_us = now;
  TariffDue due{c.amount, c.description, c.tariff_id, c.plan_id, c.operation};
  const auto input =
      collection(tx, c.tenant_id, c.account_id, due, "charge-" + std::to_string(c.id) + "-" + std::to_string(c.attempts));
  const auto out = ledger_.apply(tx, c.tenant_id, std::span<const ledger::TransferInput>(&input, 1));
  const bool ok = !out.empty() && ledger::succeeded(out.front().result);
  if (ok) {
    const std::string before = charge_json(c);
    c.status = ChargeStatus::collected;
    c.ledger_transfer_id = out.front().transfer->id;
    c.collected_at_us = now;
    c.collected_on = format_iso_date(sao_paulo_date(now));
    store::update(tx, c);
    banking::record_change(tx, audit_, events_, who, "tariff_charge.collected", target, c.id, before, charge_json(c));
  } else {
    store::update(tx, c);
  }
  return ok;
}

Result<Charge> BillingService::get(Id tenant_id, Id id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) -> Result<Charge> {
    auto c = store::find(tx, tenant_id, id);
    if (!c) return Error::not_found("Charge not found.");
    return *c;
  });
}

std::vector<Charge> BillingService::list(Id tenant_id, const ListFilter& filter) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::list(tx, tenant_id, filter); });
}

Revenue BillingService::revenue(Id tenant_id, RevenueGroup group, std::optional<std::int64_t> from_us,
                                std::optional<std::int64_t> to_us) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    Revenue r;
    r.rows = store::revenue(tx, tenant_id, group, from_us, to_us);
    for (auto& row : r.rows) {
      if (row.plan_id && plan_name_) row.plan_name = plan_name_(tx, tenant_id, *row.plan_id).value_or("");
    }
    r.total = store::collected(tx, tenant_id, from_us, to_us);
    r.pending = store::pending_totals(tx, tenant_id);
    return r;
  });
}

Result<Charge> BillingService::collect(const audit::Entry& who, Id id) {
  // The failed attempt is kept (its count and time) even though the answer is a 409.
  auto attempt = db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<std::pair<Charge, bool>> {
    auto c = store::find(tx, who.tenant_id, id, true);
    if (!c) return Error::not_found("Charge not found.");
    if (c->status != ChargeStatus::pending) return Error::conflict("Only a pending charge can be collected.");
    const bool ok = try_collect(tx, who, *c);
    return std::pair{*c, ok};
  });
  if (!attempt) return attempt.error();
  if (!attempt->second) {
    Error e = Error::conflict("The account's available balance does not cover the charge yet.");
    e.fields.push_back({"balance", e.detail});
    return e;
  }
  return attempt->first;
}

Result<Charge> BillingService::waive(const audit::Entry& who, Id id, const std::string& reason) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Charge> {
    auto c = store::find(tx, who.tenant_id, id, true);
    if (!c) return Error::not_found("Charge not found.");
    if (c->status != ChargeStatus::pending) return Error::conflict("Only a pending charge can be waived.");
    const std::string before = charge_json(*c);
    c->status = ChargeStatus::waived;
    c->waived_at_us = clock_.now_us();
    c->waived_by_name = who.actor_name;
    c->waive_reason = reason;
    store::update(tx, *c);
    banking::record_change(tx, audit_, events_, who, "tariff_charge.waived", target, c->id, before, charge_json(*c));
    return *c;
  });
}

int BillingService::collect_pending() {
  int collected = 0;
  Id after = 0;
  for (;;) {
    // One transaction per batch: the ledger locks each account in turn; a batch is short.
    const auto [n, last] = db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
      auto due = store::pending(tx, after, job_batch);
      int ok = 0;
      for (auto& c : due) {
        if (try_collect(tx, system_entry(c.tenant_id, "Cobrança de tarifas"), c)) ++ok;
      }
      return std::pair<int, Id>{ok, due.empty() ? Id{0} : due.back().id};
    });
    collected += n;
    if (last == 0) break;
    after = last;
  }
  return collected;
}

int BillingService::charge_monthly_fees() {
  if (!monthly_fee_) return 0;
  const auto now = clock_.now_us();
  const std::string month = month_of(now);
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    int charged = 0;
    Id after_tenant = 0;
    Id after_account = 0;
    // Accounts whose plan has no monthly fee come back on every page of this run: walk the whole
    // worklist by keyset, charging those that owe one.
    for (;;) {
      auto page = store::monthly_fee_candidates(tx, month, after_tenant, after_account, job_batch);
      for (const auto& a : page) {
        TariffDue due = monthly_fee_(tx, a.tenant_id, a.plan_id, now);
        if (due.amount <= 0) continue;
        due.operation = source_monthly_fee;
        const auto who = system_entry(a.tenant_id, "Cobrança de tarifas");
        const auto input = collection(tx, a.tenant_id, a.account_id, due,
                                      "fee-" + std::to_string(a.account_id) + "-" + month);
        const auto out = ledger_.apply(tx, a.tenant_id, std::span<const ledger::TransferInput>(&input, 1));
        std::optional<Id> collected_by;
        if (!out.empty() && ledger::succeeded(out.front().result)) collected_by = out.front().transfer->id;
        record(tx, who, a.account_id, due, source_monthly_fee, month, collected_by);
        ++charged;
      }
      if (static_cast<int>(page.size()) < job_batch) break;
      after_tenant = page.back().tenant_id;
      after_account = page.back().account_id;
    }
    return charged;
  });
}

}  // namespace rg::billing
