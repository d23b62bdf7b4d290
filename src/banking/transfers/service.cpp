#include "banking/transfers/service.hpp"

#include <boost/json.hpp>

#include <array>

#include "banking/accounts/store.hpp"
#include "banking/transfers/store.hpp"
#include "platform/jobs/service.hpp"

namespace rg::transfers {

namespace json = boost::json;

namespace {

constexpr std::array<std::pair<TransferStatus, const char*>, 4> statuses{{{TransferStatus::scheduled, "scheduled"},
                                                                          {TransferStatus::completed, "completed"},
                                                                          {TransferStatus::failed, "failed"},
                                                                          {TransferStatus::cancelled, "cancelled"}}};
constexpr std::int64_t run_scheduled_period_ms = 60'000;

json::value opt(const std::optional<Id>& id) { return id ? json::value(std::to_string(*id)) : json::value(nullptr); }
json::value opt(const std::optional<Date>& d) { return d ? json::value(format_iso_date(*d)) : json::value(nullptr); }
json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::object object_of(const P2PTransfer& t) {
  return {{"id", std::to_string(t.id)},
          {"client_id", t.client_id},
          {"from_account_id", std::to_string(t.from_account_id)},
          {"to_account_id", std::to_string(t.to_account_id)},
          {"amount", t.amount},
          {"description", t.description},
          {"status", status_name(t.status)},
          {"scheduled_for", opt(t.scheduled_for)},
          {"execute_on", opt(t.execute_on)},
          {"ledger_transfer_id", opt(t.ledger_transfer_id)},
          {"tariff_amount", t.tariff_amount},
          {"failure_code", opt(t.failure_code)},
          {"failure_reason", opt(t.failure_reason)},
          {"attempts", t.attempts},
          {"reversal_of", opt(t.reversal_of)},
          {"created_by_name", t.created_by_name},
          {"created_at", format_iso8601_utc(t.created_at_us)},
          {"updated_at", format_iso8601_utc(t.updated_at_us)},
          {"completed_at", t.completed_at_us ? json::value(format_iso8601_utc(*t.completed_at_us)) : json::value(nullptr)}};
}

// What integrations get: the transfer without operator names.
std::string event_payload(const P2PTransfer& t) {
  auto o = object_of(t);
  o.erase("created_by_name");
  return json::serialize(o);
}

bool same_request(const P2PTransfer& t, const TransferInput& in) {
  return t.from_account_id == in.from_account_id && t.to_account_id == in.to_account_id && t.amount == in.amount &&
         t.description == in.description && (!in.scheduled_for || t.scheduled_for == in.scheduled_for);
}

}  // namespace

const char* status_name(TransferStatus s) {
  for (const auto& [v, n] : statuses) {
    if (v == s) return n;
  }
  return "failed";
}

std::optional<TransferStatus> parse_status(std::string_view s) {
  for (const auto& [v, n] : statuses) {
    if (s == n) return v;
  }
  return std::nullopt;
}

std::string transfer_json(const P2PTransfer& t) { return json::serialize(object_of(t)); }

void register_transfer_events(events::EventCatalog& c) {
  const std::string sample =
      R"({"id":"250000000000000010","client_id":"pedido-981","from_account_id":"250000000000000001","to_account_id":"250000000000000002","amount":15000,"description":"Aluguel","status":"completed","scheduled_for":null,"execute_on":null,"ledger_transfer_id":"250000000000000011","tariff_amount":0,"failure_code":null,"failure_reason":null,"attempts":1,"reversal_of":null})";
  c.add({"transfer.scheduled", "Transferência agendada", "Transfer scheduled", sample});
  c.add({"transfer.completed", "Transferência concluída", "Transfer completed", sample});
  c.add({"transfer.failed", "Transferência falhou", "Transfer failed", sample});
  c.add({"transfer.cancelled", "Transferência agendada cancelada", "Scheduled transfer cancelled", sample});
}

TransferService::TransferService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                                 events::EventLog& events, accounts::AccountService& accounts,
                                 ledger::LedgerService& ledger)
    : db_(db), clock_(clock), ids_(ids), audit_(audit), events_(events), accounts_(accounts), ledger_(ledger) {}

void TransferService::register_jobs(jobs::JobQueue& jobs) {
  jobs.register_periodic(run_scheduled_job_kind, run_scheduled_period_ms, [this](const jobs::Job&) -> rg::Status {
    while (run_due() > 0) {
    }
    return {};
  });
}

Result<P2PTransfer> TransferService::create(const audit::Entry& who, const TransferInput& in, bool* replayed) {
  std::vector<FieldError> errors;
  if (in.amount <= 0 || in.amount > amount_max) errors.push_back({"amount", "amount is from 1 centavo to R$ 1 bilhão."});
  if (in.from_account_id == in.to_account_id) errors.push_back({"to_account_id", "Choose another account."});
  if (in.description.size() > description_length_max) errors.push_back({"description", "At most 140 bytes."});
  if (in.client_id.size() > ledger::client_id_length_max) errors.push_back({"client_id", "At most 64 characters."});
  const Date today = sao_paulo_date(clock_.now_us());
  if (in.scheduled_for && (*in.scheduled_for < today || to_days(*in.scheduled_for) - to_days(today) > schedule_days_max)) {
    errors.push_back({"scheduled_for", "Schedule from today up to a year ahead."});
  }
  if (!errors.empty()) {
    Error e = Error::invalid(errors.front().field, errors.front().message);
    e.fields = std::move(errors);
    return e;
  }
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<P2PTransfer> {
    if (!in.client_id.empty()) {
      if (auto existing = store::find_by_client(tx, who.tenant_id, in.client_id)) {
        if (!same_request(*existing, in)) {
          Error e = Error::conflict("This client_id was used for another transfer.");
          e.fields.push_back({"client_id", e.detail});
          return e;
        }
        if (replayed) *replayed = true;
        return *existing;
      }
    }
    if (!accounts::store::find(tx, who.tenant_id, in.from_account_id)) {
      return Error::invalid("from_account_id", "No such account.");
    }
    if (!accounts::store::find(tx, who.tenant_id, in.to_account_id)) {
      return Error::invalid("to_account_id", "No such account.");
    }
    P2PTransfer t;
    t.tenant_id = who.tenant_id;
    t.id = ids_.next();
    t.client_id = in.client_id.empty() ? "p2p-" + std::to_string(t.id) : in.client_id;
    t.from_account_id = in.from_account_id;
    t.to_account_id = in.to_account_id;
    t.amount = in.amount;
    t.description = in.description;
    t.created_by = who.actor_id;
    t.created_by_name = who.actor_name;
    t.created_at_us = t.updated_at_us = clock_.now_us();
    if (in.scheduled_for && *in.scheduled_for > today) {
      t.status = TransferStatus::scheduled;
      t.scheduled_for = in.scheduled_for;
      t.execute_on = next_business_day_on_or_after(*in.scheduled_for);
      store::insert(tx, t);
      audit_.record(tx, who, "transfer.scheduled", "transfer", std::to_string(t.id), "", transfer_json(t));
      events_.publish(tx, who.tenant_id, "transfer.scheduled", "transfer", std::to_string(t.id), event_payload(t),
                      who.request_id);
      return t;
    }
    store::insert(tx, t);
    execute(tx, who, t);
    return t;
  });
}

void TransferService::execute(db::Transaction& tx, const audit::Entry& who, P2PTransfer& t) {
  const auto now = clock_.now_us();
  ++t.attempts;
  t.updated_at_us = now;
  auto fail = [&](std::string code, std::string reason) {
    t.status = TransferStatus::failed;
    t.failure_code = std::move(code);
    t.failure_reason = std::move(reason);
  };
  auto from = accounts_.usable(tx, t.tenant_id, t.from_account_id, true);
  auto to = accounts_.usable(tx, t.tenant_id, t.to_account_id, false);
  if (!from) {
    fail("account_unavailable", "Conta de origem: " + from.error().detail);
  } else if (!to) {
    fail("account_unavailable", "Conta de destino: " + to.error().detail);
  } else if (auto limit = limits_ ? limits_(tx, *from, t.amount, now) : rg::Status{}; !limit) {
    fail("limit_exceeded", limit.error().detail);
  } else {
    const Tariff tariff = tariffs_ ? tariffs_(tx, *from, t.amount, now) : Tariff{};
    const std::string attempt = std::to_string(t.id) + "-" + std::to_string(t.attempts);
    std::vector<ledger::TransferInput> chain;
    chain.push_back({"p2p-" + attempt, t.from_account_id, t.to_account_id, t.amount, "", 0, 0, "p2p",
                     t.description.substr(0, ledger::description_length_max)});
    if (tariff.amount > 0) {
      chain.front().flags = ledger::transfer_flags::linked;
      chain.push_back({"tariff-" + attempt, t.from_account_id,
                       accounts_.tenant_account(tx, t.tenant_id, accounts::purpose_revenue), tariff.amount, "", 0, 0,
                       "tariff", tariff.description.substr(0, ledger::description_length_max)});
    }
    auto out = ledger_.apply(tx, t.tenant_id, chain);
    bool ok = true;
    for (const auto& o : out) ok = ok && ledger::succeeded(o.result);
    if (ok) {
      t.status = TransferStatus::completed;
      t.ledger_transfer_id = out.front().transfer->id;
      t.tariff_amount = tariff.amount;
      t.failure_code.reset();
      t.failure_reason.reset();
      t.completed_at_us = now;
    } else {
      const auto refused = out.back().result == ledger::TransferResult::linked_event_failed ? out.front().result
                                                                                            : out.back().result;
      if (refused == ledger::TransferResult::exceeds_credits) {
        fail("insufficient_funds", tariff.amount > 0 ? "Saldo insuficiente para o valor e a tarifa."
                                                     : "Saldo insuficiente.");
      } else {
        fail("ledger_refused", std::string("O razão recusou: ") + ledger::result_name(refused));
      }
    }
  }
  store::update(tx, t);
  const char* action = t.status == TransferStatus::completed ? "transfer.completed" : "transfer.failed";
  audit_.record(tx, who, action, "transfer", std::to_string(t.id), "", transfer_json(t));
  events_.publish(tx, t.tenant_id, action, "transfer", std::to_string(t.id), event_payload(t), who.request_id);
}

Result<P2PTransfer> TransferService::cancel(const audit::Entry& who, Id id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<P2PTransfer> {
    auto t = store::find(tx, who.tenant_id, id, true);
    if (!t) return Error::not_found("Transfer not found.");
    if (t->status != TransferStatus::scheduled) return Error::conflict("Only a scheduled transfer can be cancelled.");
    const std::string before = transfer_json(*t);
    t->status = TransferStatus::cancelled;
    t->updated_at_us = clock_.now_us();
    store::update(tx, *t);
    audit_.record(tx, who, "transfer.cancelled", "transfer", std::to_string(id), before, transfer_json(*t));
    events_.publish(tx, who.tenant_id, "transfer.cancelled", "transfer", std::to_string(id), event_payload(*t),
                    who.request_id);
    return *t;
  });
}

Result<P2PTransfer> TransferService::process(const audit::Entry& who, Id id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<P2PTransfer> {
    auto t = store::find(tx, who.tenant_id, id, true);
    if (!t) return Error::not_found("Transfer not found.");
    if (t->status != TransferStatus::failed) return Error::conflict("Only a failed transfer can be processed again.");
    execute(tx, who, *t);
    return *t;
  });
}

Result<P2PTransfer> TransferService::get(Id tenant_id, Id id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) -> Result<P2PTransfer> {
    auto t = store::find(tx, tenant_id, id);
    if (!t) return Error::not_found("Transfer not found.");
    return *t;
  });
}

std::vector<P2PTransfer> TransferService::list(Id tenant_id, const ListFilter& filter) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::list(tx, tenant_id, filter); });
}

int TransferService::run_due() {
  const Date today = sao_paulo_date(clock_.now_us());
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    auto due = store::due(tx, today, 100);
    for (auto& t : due) {
      audit::Entry system;
      system.tenant_id = t.tenant_id;
      system.actor_type = "system";
      system.actor_name = "Agendamento";
      execute(tx, system, t);
    }
    return static_cast<int>(due.size());
  });
}

}  // namespace rg::transfers
