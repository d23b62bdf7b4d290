#include "banking/transfers/service.hpp"

#include <boost/json.hpp>

#include <array>

#include "banking/accounts/store.hpp"
#include "banking/transfers/store.hpp"
#include "http/json.hpp"
#include "platform/jobs/service.hpp"

namespace rg::transfers {

namespace json = boost::json;

namespace {

constexpr std::array<std::pair<TransferStatus, const char*>, 4> statuses{{{TransferStatus::scheduled, "scheduled"},
                                                                          {TransferStatus::completed, "completed"},
                                                                          {TransferStatus::failed, "failed"},
                                                                          {TransferStatus::cancelled, "cancelled"}}};
constexpr std::int64_t run_scheduled_period_ms = 60'000;

using http::id_or_null;
using http::text_or_null;
json::value opt(const std::optional<Date>& d) { return d ? json::value(format_iso_date(*d)) : json::value(nullptr); }

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
          {"ledger_transfer_id", id_or_null(t.ledger_transfer_id)},
          {"tariff_amount", t.tariff_amount},
          {"failure_code", text_or_null(t.failure_code)},
          {"failure_reason", text_or_null(t.failure_reason)},
          {"attempts", t.attempts},
          {"kind", t.reversal_of ? "chargeback" : "p2p"},
          {"reversal_of", id_or_null(t.reversal_of)},
          {"reversed_amount", t.reversed_amount},
          {"created_by_name", t.created_by_name},
          {"created_at", format_iso8601_utc(t.created_at_us)},
          {"updated_at", format_iso8601_utc(t.updated_at_us)},
          {"completed_at", http::time_or_null(t.completed_at_us)}};
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
      R"({"id":"250000000000000010","client_id":"pedido-981","from_account_id":"250000000000000001","to_account_id":"250000000000000002","amount":15000,"description":"Aluguel","status":"completed","scheduled_for":null,"execute_on":null,"ledger_transfer_id":"250000000000000011","tariff_amount":0,"failure_code":null,"failure_reason":null,"attempts":1,"kind":"p2p","reversal_of":null,"reversed_amount":0})";
  c.add({"transfer.scheduled", "Transferência agendada", "Transfer scheduled", sample});
  c.add({"transfer.completed", "Transferência concluída", "Transfer completed", sample});
  c.add({"transfer.failed", "Transferência falhou", "Transfer failed", sample});
  c.add({"transfer.cancelled", "Transferência agendada cancelada", "Scheduled transfer cancelled", sample});
  c.add({"transfer.charged_back", "Transferência estornada (total ou parcialmente)", "Transfer charged back (in full or in part)",
         sample});
}

TransferService::TransferService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                                 events::EventLog& events, accounts::AccountService& accounts,
                                 ledger::LedgerService& ledger, billing::BillingService& billing)
    : db_(db),
      clock_(clock),
      ids_(ids),
      audit_(audit),
      events_(events),
      accounts_(accounts),
      ledger_(ledger),
      billing_(billing) {}

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
  move(tx, who, t, now);
  store::update(tx, t);
  const char* action = t.status == TransferStatus::completed ? "transfer.completed" : "transfer.failed";
  audit_.record(tx, who, action, "transfer", std::to_string(t.id), "", transfer_json(t));
  events_.publish(tx, t.tenant_id, action, "transfer", std::to_string(t.id), event_payload(t), who.request_id);
}

void TransferService::move(db::Transaction& tx, const audit::Entry& who, P2PTransfer& t, std::int64_t now) {
  auto fail = [&](std::string code, std::string reason) {
    t.status = TransferStatus::failed;
    t.failure_code = std::move(code);
    t.failure_reason = std::move(reason);
  };
  const bool chargeback = t.reversal_of.has_value();
  // A chargeback takes the money back from the payee even while its account is suspended; it is
  // the institution's correction, not a customer operation: no limits, no tariff.
  auto from = accounts_.usable(tx, t.tenant_id, t.from_account_id, !chargeback);
  auto to = accounts_.usable(tx, t.tenant_id, t.to_account_id, false);
  if (!from) return fail("account_unavailable", "Conta de origem: " + from.error().detail);
  if (!to) return fail("account_unavailable", "Conta de destino: " + to.error().detail);
  std::optional<P2PTransfer> original;
  if (chargeback) {
    original = store::find(tx, t.tenant_id, *t.reversal_of, true);
    if (!original || original->amount - original->reversed_amount < t.amount) {
      return fail("nothing_to_reverse", "O valor já foi estornado.");
    }
  } else if (auto limit = limits_ ? limits_(tx, *from, t.amount, now) : rg::Status{}; !limit) {
    return fail("limit_exceeded", limit.error().detail);
  }
  const Tariff tariff = !chargeback && tariffs_ ? tariffs_(tx, *from, t.amount, now) : Tariff{};
  const std::string attempt = std::to_string(t.id) + "-" + std::to_string(t.attempts);
  const std::string code = chargeback ? "chargeback" : "p2p";
  std::vector<ledger::TransferInput> chain;
  chain.push_back({code + "-" + attempt, t.from_account_id, t.to_account_id, t.amount, "", 0, 0, code,
                   t.description.substr(0, ledger::description_length_max)});
  if (tariff.amount > 0) {
    chain.front().flags = ledger::transfer_flags::linked;
    chain.push_back(billing_.collection(tx, t.tenant_id, t.from_account_id, tariff, "tariff-" + attempt));
  }
  auto out = ledger_.apply(tx, t.tenant_id, chain);
  auto ok = [](const std::vector<ledger::TransferOutcome>& o) {
    for (const auto& x : o) {
      if (!ledger::succeeded(x.result)) return false;
    }
    return true;
  };
  bool tariff_collected = tariff.amount > 0 && ok(out);
  if (!ok(out) && tariff.amount > 0 && out.front().result == ledger::TransferResult::linked_event_failed &&
      out.back().result == ledger::TransferResult::exceeds_credits) {
    // The balance covers the transfer but not its tariff: the transfer goes alone and the tariff
    // waits in the billing center.
    chain.resize(1);
    chain.front().flags = 0;
    out = ledger_.apply(tx, t.tenant_id, chain);
  }
  if (!ok(out)) {
    const auto refused = out.back().result == ledger::TransferResult::linked_event_failed ? out.front().result
                                                                                          : out.back().result;
    if (refused == ledger::TransferResult::exceeds_credits) return fail("insufficient_funds", "Saldo insuficiente.");
    return fail("ledger_refused", std::string("O razão recusou: ") + ledger::result_name(refused));
  }
  t.status = TransferStatus::completed;
  t.ledger_transfer_id = out.front().transfer->id;
  t.tariff_amount = tariff.amount;
  t.failure_code.reset();
  t.failure_reason.reset();
  t.completed_at_us = now;
  if (tariff.amount > 0) {
    billing_.record(tx, who, t.from_account_id, tariff, billing::source_transfer, std::to_string(t.id),
                    tariff_collected ? std::optional<Id>(out.back().transfer->id) : std::nullopt);
  }
  if (original) {
    const std::string before = transfer_json(*original);
    original->reversed_amount += t.amount;
    original->updated_at_us = now;
    store::update(tx, *original);
    audit_.record(tx, who, "transfer.charged_back", "transfer", std::to_string(original->id), before,
                  transfer_json(*original));
    events_.publish(tx, t.tenant_id, "transfer.charged_back", "transfer", std::to_string(original->id),
                    event_payload(*original), who.request_id);
  }
}

Result<P2PTransfer> TransferService::charge_back(const audit::Entry& who, Id id, std::optional<std::int64_t> amount,
                                                 const std::string& reason) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<P2PTransfer> {
    auto original = store::find(tx, who.tenant_id, id, true);
    if (!original) return Error::not_found("Transfer not found.");
    if (original->status != TransferStatus::completed || original->reversal_of) {
      return Error::conflict("Only a completed P2P transfer can be charged back.");
    }
    const std::int64_t left = original->amount - original->reversed_amount;
    if (left <= 0) return Error::conflict("This transfer was charged back in full already.");
    if (amount && *amount > left) {
      return Error::invalid("amount", "At most " + std::to_string(left) + " centavos are left to charge back.");
    }
    P2PTransfer t;
    t.tenant_id = who.tenant_id;
    t.id = ids_.next();
    t.client_id = "chargeback-" + std::to_string(t.id);
    t.from_account_id = original->to_account_id;
    t.to_account_id = original->from_account_id;
    t.amount = amount.value_or(left);
    t.description = ("Estorno: " + reason).substr(0, description_length_max);
    t.reversal_of = original->id;
    t.created_by = who.actor_id;
    t.created_by_name = who.actor_name;
    t.created_at_us = t.updated_at_us = clock_.now_us();
    t.status = TransferStatus::failed;
    store::insert(tx, t);
    execute(tx, who, t);
    return t;
  });
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
