#include "banking/accounts/service.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "banking/accounts/store.hpp"
#include "banking/ledger/store.hpp"

namespace rg::accounts {

namespace json = boost::json;

namespace {

std::string iso(std::int64_t us) { return format_iso8601_utc(us); }

std::string hhmm(int minutes) {
  char out[16];
  std::snprintf(out, sizeof out, "%02d:%02d", minutes / 60, minutes % 60);
  return out;
}

json::object account_object(const AccountView& v) {
  const Account& a = v.account;
  const auto opt_id = [](const std::optional<Id>& id) { return id ? json::value(std::to_string(*id)) : json::value(nullptr); };
  return {{"id", std::to_string(a.id)},
          {"customer_id", std::to_string(a.customer_id)},
          {"holder", json::object{{"name", v.holder_name}, {"document", v.holder_document}}},
          {"kind", kind_name(a.kind)},
          {"parent_id", opt_id(a.parent_id)},
          {"branch", a.branch},
          {"number", a.number},
          {"check_digit", a.check_digit},
          {"status", status_name(a.status)},
          {"status_reason", a.status_reason},
          {"plan_id", opt_id(a.plan_id)},
          {"night_start", hhmm(a.night_start_minutes)},
          {"description", a.description},
          {"balance", v.ledger.balance()},
          {"available", v.ledger.available()},
          {"blocked", v.ledger.debits_pending},
          {"incoming_pending", v.ledger.credits_pending},
          {"overdraft_limit", v.ledger.overdraft_limit},
          {"created_at", iso(a.created_at_us)},
          {"updated_at", iso(a.updated_at_us)},
          {"cancelled_at", a.cancelled_at_us ? json::value(iso(*a.cancelled_at_us)) : json::value(nullptr)}};
}

// What integrations get in events: the account without the holder's personal data.
std::string event_payload(const AccountView& v, json::object extra = {}) {
  json::object o{{"id", std::to_string(v.account.id)},
                 {"customer_id", std::to_string(v.account.customer_id)},
                 {"kind", kind_name(v.account.kind)},
                 {"branch", v.account.branch},
                 {"number", v.account.number + "-" + v.account.check_digit},
                 {"status", status_name(v.account.status)}};
  for (auto& [k, val] : extra) o[k] = val;
  return json::serialize(o);
}

std::string audit_json(const Account& a) {
  return json::serialize(json::object{{"status", status_name(a.status)},
                                      {"status_reason", a.status_reason},
                                      {"plan_id", a.plan_id ? json::value(std::to_string(*a.plan_id)) : json::value(nullptr)},
                                      {"night_start", hhmm(a.night_start_minutes)},
                                      {"description", a.description}});
}

Error not_found() { return Error::not_found("Account not found."); }

}  // namespace

std::string account_json(const AccountView& v) { return json::serialize(account_object(v)); }

void register_account_events(events::EventCatalog& c) {
  const std::string sample =
      R"({"id":"250000000000000001","customer_id":"250000000000000002","kind":"main","branch":"0001","number":"10000001-5","status":"active"})";
  c.add({"account.opened", "Conta aberta", "Account opened", sample});
  c.add({"account.suspended", "Conta suspensa", "Account suspended", sample});
  c.add({"account.reactivated", "Suspensão da conta removida", "Account reactivated", sample});
  c.add({"account.cancelled", "Conta cancelada", "Account cancelled", sample});
  c.add({"account.status_synced", "Status da conta sincronizado", "Account status synced", sample});
  c.add({"account.alias_synced", "Alias (domicílio bancário) sincronizado", "Account alias synced", sample});
  c.add({"account.plan_changed", "Plano da conta alterado", "Account plan changed", sample});
  c.add({"account.night_start_changed", "Início do limite noturno alterado", "Night-limit start changed", sample});
  c.add({"account.residual_moved", "Saldo residual transferido", "Residual balance moved", sample});
  c.add({"account.redeemed", "Saldo de subconta resgatado", "Sub-account balance redeemed", sample});
  c.add({"account.deposit", "Depósito de teste creditado", "Test deposit credited", sample});
  c.add({"account.resynced", "Transações ressincronizadas", "Transactions resynced", sample});
}

AccountService::AccountService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                               events::EventLog& events, ledger::LedgerService& ledger)
    : db_(db), clock_(clock), ids_(ids), audit_(audit), events_(events), ledger_(ledger) {}

std::string AccountService::client_id(const std::string& prefix) { return prefix + "-" + std::to_string(ids_.next()); }

AccountView AccountService::view_in(db::Transaction& tx, const Account& a) {
  AccountView v;
  v.account = a;
  v.ledger = ledger_.account(tx, a.tenant_id, a.id).value_or(ledger::Account{});
  if (holder_) {
    if (auto h = holder_(tx, a.tenant_id, a.customer_id)) {
      v.holder_name = h->name;
      v.holder_document = h->document;
    }
  }
  return v;
}

Id AccountService::tenant_account(db::Transaction& tx, Id tenant_id, const std::string& purpose) {
  if (auto id = store::tenant_ledger_account(tx, tenant_id, purpose)) return *id;
  // Revenue may never go negative; funding and correction are the outside world's side.
  const std::uint32_t flags = purpose == purpose_revenue ? ledger::account_flags::debits_must_not_exceed_credits : 0;
  const auto a = ledger_.open_account(tx, tenant_id, {purpose, flags, 0, "Conta da instituição: " + purpose});
  store::insert_tenant_ledger_account(tx, tenant_id, purpose, a.id);
  return a.id;
}

Result<AccountView> AccountService::open(const audit::Entry& who, const OpenInput& in) {
  if (in.night_start_minutes && (*in.night_start_minutes < 18 * 60 || *in.night_start_minutes > 22 * 60)) {
    return Error::invalid("night_start", "The night period starts between 18:00 and 22:00.");
  }
  if (in.description.size() > 200) return Error::invalid("description", "At most 200 characters.");
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<AccountView> {
    if (!holder_ || !holder_(tx, who.tenant_id, in.customer_id)) {
      return Error::invalid("customer_id", "No such customer.");
    }
    std::optional<Id> plan = in.plan_id;
    if (!plan && default_plan_) plan = default_plan_(tx, who.tenant_id);
    std::int64_t overdraft = 0;
    if (plan) {
      auto terms = plan_ ? plan_(tx, who.tenant_id, *plan) : std::nullopt;
      if (!terms) return Error::invalid("plan_id", "No such plan.");
      overdraft = terms->overdraft_limit;
    }
    const auto l = ledger_.open_account(
        tx, who.tenant_id, {"customer", ledger::account_flags::debits_must_not_exceed_credits, overdraft, ""});
    Account a;
    a.tenant_id = who.tenant_id;
    a.id = l.id;
    a.customer_id = in.customer_id;
    a.kind = Kind::main;
    a.branch = default_branch;
    a.number = std::to_string(store::next_number(tx, who.tenant_id));
    a.check_digit = check_digit_of(a.number);
    a.plan_id = plan;
    a.night_start_minutes = in.night_start_minutes.value_or(20 * 60);
    a.description = in.description;
    a.created_at_us = a.updated_at_us = clock_.now_us();
    store::insert(tx, a);
    auto v = view_in(tx, a);
    audit_.record(tx, who, "account.opened", "account", std::to_string(a.id), "", audit_json(a));
    events_.publish(tx, who.tenant_id, "account.opened", "account", std::to_string(a.id), event_payload(v),
                    who.request_id);
    return v;
  });
}

Result<AccountView> AccountService::open_sub(const audit::Entry& who, Id parent_id, Kind kind,
                                             const std::string& description) {
  if (kind == Kind::main) return Error::invalid("kind", "A sub-account is escrow, loan or wallet.");
  if (description.size() > 200) return Error::invalid("description", "At most 200 characters.");
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<AccountView> {
    auto parent = store::find(tx, who.tenant_id, parent_id, true);
    if (!parent) return not_found();
    if (parent->kind != Kind::main) return Error::conflict("Sub-accounts hang from a main account.");
    if (parent->status != AccountStatus::active) return Error::conflict("The main account is not active.");
    const auto l =
        ledger_.open_account(tx, who.tenant_id, {"subaccount", ledger::account_flags::debits_must_not_exceed_credits, 0, ""});
    Account a;
    a.tenant_id = who.tenant_id;
    a.id = l.id;
    a.customer_id = parent->customer_id;
    a.kind = kind;
    a.parent_id = parent->id;
    a.branch = parent->branch;
    a.number = std::to_string(store::next_number(tx, who.tenant_id));
    a.check_digit = check_digit_of(a.number);
    a.plan_id = parent->plan_id;
    a.night_start_minutes = parent->night_start_minutes;
    a.description = description;
    a.created_at_us = a.updated_at_us = clock_.now_us();
    store::insert(tx, a);
    auto v = view_in(tx, a);
    audit_.record(tx, who, "account.opened", "account", std::to_string(a.id), "", audit_json(a));
    events_.publish(tx, who.tenant_id, "account.opened", "account", std::to_string(a.id),
                    event_payload(v, json::object{{"parent_id", std::to_string(parent->id)}}), who.request_id);
    return v;
  });
}

Result<AccountView> AccountService::view(Id tenant_id, Id id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) -> Result<AccountView> {
    auto a = store::find(tx, tenant_id, id);
    if (!a) return not_found();
    return view_in(tx, *a);
  });
}

std::vector<AccountView> AccountService::list(Id tenant_id, const ListFilter& filter) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    std::vector<AccountView> out;
    for (const auto& a : store::list(tx, tenant_id, filter)) out.push_back(view_in(tx, a));
    return out;
  });
}

std::vector<AccountView> AccountService::sub_accounts(Id tenant_id, Id parent_id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    std::vector<AccountView> out;
    for (const auto& a : store::children(tx, tenant_id, parent_id)) out.push_back(view_in(tx, a));
    return out;
  });
}

Result<AccountView> AccountService::change(const audit::Entry& who, Id id, const std::string& action,
                                           const std::function<rg::Status(db::Transaction&, Account&)>& fn) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<AccountView> {
    auto a = store::find(tx, who.tenant_id, id, true);
    if (!a) return not_found();
    const std::string before = audit_json(*a);
    if (auto s = fn(tx, *a); !s) return s.error();
    a->updated_at_us = clock_.now_us();
    store::update(tx, *a);
    auto v = view_in(tx, *a);
    audit_.record(tx, who, action, "account", std::to_string(id), before, audit_json(*a));
    events_.publish(tx, who.tenant_id, action, "account", std::to_string(id), event_payload(v), who.request_id);
    return v;
  });
}

Result<AccountView> AccountService::suspend(const audit::Entry& who, Id id, const std::string& reason) {
  if (reason.empty() || reason.size() > reason_length_max) {
    return Error::invalid("reason", "Say why the account is suspended (up to 500 characters).");
  }
  return change(who, id, "account.suspended", [&](db::Transaction&, Account& a) -> rg::Status {
    if (a.status != AccountStatus::active) return Error::conflict("Only an active account can be suspended.");
    a.status = AccountStatus::suspended;
    a.status_reason = reason;
    return {};
  });
}

Result<AccountView> AccountService::reactivate(const audit::Entry& who, Id id, const std::string& reason) {
  if (reason.size() > reason_length_max) return Error::invalid("reason", "At most 500 characters.");
  return change(who, id, "account.reactivated", [&](db::Transaction& tx, Account& a) -> rg::Status {
    if (a.status != AccountStatus::suspended) return Error::conflict("Only a suspended account can be reactivated.");
    if (a.parent_id) {
      auto parent = store::find(tx, a.tenant_id, *a.parent_id);
      if (!parent || parent->status != AccountStatus::active) return Error::conflict("The main account is not active.");
    }
    a.status = AccountStatus::active;
    a.status_reason = reason;
    return {};
  });
}

Result<AccountView> AccountService::cancel(const audit::Entry& who, Id id, const std::string& reason) {
  if (reason.empty() || reason.size() > reason_length_max) {
    return Error::invalid("reason", "Say why the account is cancelled (up to 500 characters).");
  }
  return change(who, id, "account.cancelled", [&](db::Transaction& tx, Account& a) -> rg::Status {
    if (a.status == AccountStatus::cancelled) return Error::conflict("The account is cancelled already.");
    std::vector<Account> closing{a};
    if (a.kind == Kind::main) {
      for (auto& sub : store::children(tx, a.tenant_id, a.id)) {
        if (sub.status != AccountStatus::cancelled) closing.push_back(sub);
      }
    }
    for (const auto& c : closing) {
      auto l = ledger_.account(tx, a.tenant_id, c.id, true);
      if (l && (l->balance() != 0 || l->debits_pending != 0 || l->credits_pending != 0)) {
        Error e = Error::conflict(c.id == a.id ? "The account still holds money; move the residual balance first."
                                               : "A sub-account still holds money; redeem it first.");
        e.fields.push_back({"balance", e.detail});
        return e;
      }
    }
    const auto now = clock_.now_us();
    for (auto& c : closing) {
      auto l = ledger_.account(tx, a.tenant_id, c.id, true);
      if (l) (void)ledger_.configure(tx, a.tenant_id, c.id, l->flags | ledger::account_flags::closed, l->overdraft_limit);
      if (c.id == a.id) continue;
      c.status = AccountStatus::cancelled;
      c.status_reason = reason;
      c.cancelled_at_us = now;
      c.updated_at_us = now;
      store::update(tx, c);
    }
    a.status = AccountStatus::cancelled;
    a.status_reason = reason;
    a.cancelled_at_us = now;
    return {};
  });
}

Result<Account> AccountService::usable(db::Transaction& tx, Id tenant_id, Id id, bool debit) {
  auto a = store::find(tx, tenant_id, id);
  if (!a) return not_found();
  if (a->status == AccountStatus::cancelled) return Error::conflict("The account is cancelled.");
  if (debit && a->status == AccountStatus::suspended) return Error::conflict("The account is suspended.");
  return *a;
}

Result<ledger::Transfer> AccountService::move_balance(db::Transaction& tx, const audit::Entry& who,
                                                      const Account& subject, const ledger::TransferInput& t,
                                                      const char* action, const char* empty_field,
                                                      const char* empty_message, json::object extra) {
  auto out = ledger_.apply(tx, who.tenant_id, std::span(&t, 1)).at(0);
  if (out.result == ledger::TransferResult::exceeds_credits) {
    Error e = Error::conflict(empty_message);
    e.fields.push_back({empty_field, e.detail});
    return e;
  }
  if (!ledger::succeeded(out.result)) return Error::conflict(std::string("Ledger refused: ") + result_name(out.result));
  extra["amount"] = out.transfer->amount;
  json::object after = extra;
  after["transfer_id"] = std::to_string(out.transfer->id);
  audit_.record(tx, who, action, "account", std::to_string(subject.id), "", json::serialize(after));
  events_.publish(tx, who.tenant_id, action, "account", std::to_string(subject.id),
                  event_payload(view_in(tx, subject), std::move(extra)), who.request_id);
  return *out.transfer;
}

Result<ledger::Transfer> AccountService::move_residual(const audit::Entry& who, Id id, Id to_account_id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<ledger::Transfer> {
    auto from = store::find(tx, who.tenant_id, id);
    if (!from) return not_found();
    auto to = store::find(tx, who.tenant_id, to_account_id);
    if (!to) return Error::invalid("to_account_id", "No such account.");
    if (to->id == from->id) return Error::invalid("to_account_id", "Choose another account.");
    if (to->customer_id != from->customer_id) {
      return Error::invalid("to_account_id", "The residual balance only goes to an account of the same holder.");
    }
    if (to->status != AccountStatus::active) return Error::invalid("to_account_id", "The receiving account is not active.");
    if (from->status == AccountStatus::cancelled) return Error::conflict("The account is cancelled.");
    ledger::TransferInput t;
    t.client_id = client_id("residual");
    t.debit_account_id = from->id;
    t.credit_account_id = to->id;
    t.flags = ledger::transfer_flags::balancing_debit;
    t.code = "residual";
    t.description = "Saldo residual da conta " + from->number + "-" + from->check_digit;
    return move_balance(tx, who, *from, t, "account.residual_moved", "balance", "There is no balance to move.",
                        json::object{{"to_account_id", std::to_string(to->id)}});
  });
}

Result<ledger::Transfer> AccountService::redeem(const audit::Entry& who, Id sub_id, std::int64_t amount) {
  if (amount < 0) return Error::invalid("amount", "amount must not be negative (centavos).");
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<ledger::Transfer> {
    auto sub = store::find(tx, who.tenant_id, sub_id);
    if (!sub) return not_found();
    if (!sub->parent_id) return Error::conflict("Only a sub-account is redeemed into its main account.");
    auto parent = store::find(tx, who.tenant_id, *sub->parent_id);
    if (!parent || parent->status == AccountStatus::cancelled) return Error::conflict("The main account is cancelled.");
    ledger::TransferInput t;
    t.client_id = client_id("redeem");
    t.debit_account_id = sub->id;
    t.credit_account_id = parent->id;
    t.amount = amount;
    t.flags = ledger::transfer_flags::balancing_debit;
    t.code = "redeem";
    t.description = "Resgate da subconta " + sub->number + "-" + sub->check_digit;
    return move_balance(tx, who, *sub, t, "account.redeemed", "amount", "The sub-account has no balance to redeem.", {});
  });
}

Result<AccountView> AccountService::set_plan(const audit::Entry& who, Id id, Id plan_id) {
  return change(who, id, "account.plan_changed", [&](db::Transaction& tx, Account& a) -> rg::Status {
    if (a.status == AccountStatus::cancelled) return Error::conflict("The account is cancelled.");
    auto terms = plan_ ? plan_(tx, a.tenant_id, plan_id) : std::nullopt;
    if (!terms) return Error::invalid("plan_id", "No such plan.");
    auto l = ledger_.account(tx, a.tenant_id, a.id, true);
    if (!l) return not_found();
    // A smaller overdraft is refused while the account already uses more of it.
    if (l->balance() - l->debits_pending < -terms->overdraft_limit) {
      return Error::invalid("plan_id", "The account uses more overdraft than this plan grants.");
    }
    if (auto r = ledger_.configure(tx, a.tenant_id, a.id, l->flags, terms->overdraft_limit); !r) return r.error();
    a.plan_id = plan_id;
    return {};
  });
}

Result<AccountView> AccountService::set_night_start(const audit::Entry& who, Id id, int minutes) {
  if (minutes < 18 * 60 || minutes > 22 * 60) {
    return Error::invalid("night_start", "The night period starts between 18:00 and 22:00.");
  }
  return change(who, id, "account.night_start_changed", [&](db::Transaction&, Account& a) -> rg::Status {
    if (a.status == AccountStatus::cancelled) return Error::conflict("The account is cancelled.");
    a.night_start_minutes = minutes;
    return {};
  });
}

Result<AccountView> AccountService::sync_alias(const audit::Entry& who, Id id) {
  return change(who, id, "account.alias_synced", [&](db::Transaction&, Account& a) -> rg::Status {
    if (a.check_digit != check_digit_of(a.number)) return Error::conflict("The account number's check digit is wrong.");
    return {};
  });
}

Result<AccountView> AccountService::sync_status(const audit::Entry& who, Id id) {
  return change(who, id, "account.status_synced", [](db::Transaction&, Account&) -> rg::Status { return {}; });
}

Result<ledger::Transfer> AccountService::deposit(const audit::Entry& who, Id id, std::int64_t amount,
                                                 const std::string& description) {
  if (amount <= 0 || amount > 100'000'000'00LL) {
    return Error::invalid("amount", "A deposit is from R$ 0,01 to R$ 100.000.000,00 (in centavos).");
  }
  if (description.size() > ledger::description_length_max) return Error::invalid("description", "At most 140 bytes.");
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<ledger::Transfer> {
    auto a = usable(tx, who.tenant_id, id, false);
    if (!a) return a.error();
    ledger::TransferInput t;
    t.client_id = client_id("deposit");
    t.debit_account_id = tenant_account(tx, who.tenant_id, purpose_funding);
    t.credit_account_id = id;
    t.amount = amount;
    t.code = "deposit";
    t.description = description.empty() ? "Depósito de teste" : description;
    auto out = ledger_.apply(tx, who.tenant_id, std::span(&t, 1)).at(0);
    if (!ledger::succeeded(out.result)) return Error::conflict(std::string("Ledger refused: ") + result_name(out.result));
    audit_.record(tx, who, "account.deposit", "account", std::to_string(id), "",
                  json::serialize(json::object{{"amount", amount}, {"transfer_id", std::to_string(out.transfer->id)}}));
    events_.publish(tx, who.tenant_id, "account.deposit", "account", std::to_string(id),
                    event_payload(view_in(tx, *a), {{"amount", amount}}), who.request_id);
    return *out.transfer;
  });
}

Result<ResyncReport> AccountService::resync(const audit::Entry& who, Id id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<ResyncReport> {
    auto a = store::find(tx, who.tenant_id, id);
    if (!a) return not_found();
    auto check = ledger_.check_totals(tx, who.tenant_id, id);
    if (!check) return not_found();
    ResyncReport r;
    r.before = check->stored;
    r.computed = check->computed;
    r.diverged = check->diverges();
    if (r.diverged) {
      // The stored net balance is the authoritative one (ACC-08: what was applied); the
      // statement lacks the difference. The per-side totals are rebuilt from the transfers, and
      // one correcting transfer against the tenant's correction account carries the difference,
      // so the net balance stays, the statement explains it and the ledger stays balanced.
      const std::int64_t diff = r.before.balance() - (r.computed.credits_posted - r.computed.debits_posted);
      ledger::Account fixed = r.before;
      fixed.debits_pending = r.computed.debits_pending;
      fixed.credits_pending = r.computed.credits_pending;
      fixed.debits_posted = r.computed.debits_posted;
      fixed.credits_posted = r.computed.credits_posted;
      std::vector<const ledger::Account*> changed{&fixed};
      ledger::Account corr;
      if (diff != 0) {
        corr = *ledger_.account(tx, who.tenant_id, tenant_account(tx, who.tenant_id, purpose_correction), true);
        ledger::Transfer t;
        t.tenant_id = who.tenant_id;
        t.id = ids_.next();
        t.client_id = client_id("resync");
        t.debit_account_id = diff > 0 ? corr.id : id;
        t.credit_account_id = diff > 0 ? id : corr.id;
        t.amount = diff > 0 ? diff : -diff;
        (diff > 0 ? fixed.credits_posted : fixed.debits_posted) += t.amount;
        (diff > 0 ? corr.debits_posted : corr.credits_posted) += t.amount;
        t.code = "correction";
        t.description = "Correção por ressincronização";
        t.debit_balance = diff > 0 ? corr.balance() : fixed.balance();
        t.credit_balance = diff > 0 ? fixed.balance() : corr.balance();
        t.created_at_us = clock_.now_us();
        diff > 0 ? ledger::chain_transfer(t, corr, fixed) : ledger::chain_transfer(t, fixed, corr);
        ledger::store::insert_transfers(tx, {t});
        r.corrections.push_back(t);
        changed.push_back(&corr);
      }
      ledger::store::update_totals(tx, who.tenant_id, changed);
    }
    r.after = *ledger_.account(tx, who.tenant_id, id);
    const auto after_check = ledger_.check_totals(tx, who.tenant_id, id);
    if (after_check && after_check->diverges()) {
      return Error::internal("Resync could not reconcile the account's totals with its transfers.");
    }
    audit_.record(tx, who, "account.resynced", "account", std::to_string(id),
                  json::serialize(json::object{{"debits_posted", r.before.debits_posted},
                                               {"credits_posted", r.before.credits_posted},
                                               {"debits_pending", r.before.debits_pending},
                                               {"credits_pending", r.before.credits_pending}}),
                  json::serialize(json::object{{"diverged", r.diverged},
                                               {"corrections", static_cast<std::int64_t>(r.corrections.size())}}));
    events_.publish(tx, who.tenant_id, "account.resynced", "account", std::to_string(id),
                    event_payload(view_in(tx, *a), {{"diverged", r.diverged}}), who.request_id);
    return r;
  });
}

}  // namespace rg::accounts
