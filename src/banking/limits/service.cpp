#include "banking/limits/service.hpp"

#include <boost/json.hpp>

#include "banking/common.hpp"
#include "banking/limits/store.hpp"
#include "banking/transaction_types.hpp"

namespace rg::banking::limits {

namespace {

namespace json = boost::json;

constexpr const char* target_rule = "limit_rule";
constexpr const char* target_level = "cash_out_level";

json::value cents_or_null(const std::optional<Cents>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object values_object(const LimitValues& v) {
  return {{"day_per_transaction", cents_or_null(v.day_per_transaction)},
          {"day_per_day", cents_or_null(v.day_per_day)},
          {"night_per_transaction", cents_or_null(v.night_per_transaction)},
          {"night_per_day", cents_or_null(v.night_per_day)}};
}

json::object effective_value(const EffectiveValue& e) {
  return {{"value", cents_or_null(e.value)}, {"origin", origin_name(e.origin)}};
}

Error unknown_type() {
  return Error::invalid("transaction_type", "Unknown transaction type: use p2p, pix, ted, boleto or cash_out.");
}

Error level_not_found() { return Error::not_found("Cash-out level not found."); }

std::optional<LimitValues> values_of(const std::optional<LimitRule>& rule) {
  if (!rule) return std::nullopt;
  return rule->values;
}

bool any_value(const LimitValues& v) {
  return v.day_per_transaction || v.day_per_day || v.night_per_transaction || v.night_per_day;
}

}  // namespace

void register_limit_events(events::EventCatalog& catalog) {
  const std::string rule_sample =
      R"({"id":"1","scope":"base","account_id":null,"transaction_type":"pix","day_per_transaction":500000,)"
      R"("day_per_day":2000000,"night_per_transaction":100000,"night_per_day":100000})";
  const std::string level_sample =
      R"({"id":"1","level":1,"name":"Básico","day_per_transaction":50000,"day_per_day":100000,)"
      R"("night_per_transaction":20000,"night_per_day":20000})";
  catalog.add({"limit.created", "Limite criado", "Limit created", rule_sample});
  catalog.add({"limit.updated", "Limite alterado", "Limit changed", rule_sample});
  catalog.add({"limit.deleted", "Limite excluído", "Limit deleted", rule_sample});
  catalog.add({"cash_out_level.created", "Nível de saque criado", "Cash-out level created", level_sample});
  catalog.add({"cash_out_level.updated", "Nível de saque alterado", "Cash-out level changed", level_sample});
  catalog.add({"cash_out_level.deleted", "Nível de saque excluído", "Cash-out level deleted", level_sample});
  catalog.add({"cash_out_level.assigned", "Nível de saque da conta alterado", "Account cash-out level changed",
               R"({"account_id":"1","level_id":"2","level":2})"});
}

std::string values_json(const LimitValues& values) { return json::serialize(values_object(values)); }

std::string limit_rule_json(const LimitRule& r) {
  json::object o{
      {"id", std::to_string(r.id)},
      {"scope", r.account_id == base_scope ? "base" : "account"},
      {"account_id", r.account_id == base_scope ? json::value(nullptr) : json::value(std::to_string(r.account_id))},
      {"transaction_type", r.transaction_type}};
  for (auto& [k, v] : values_object(r.values)) o[k] = v;
  o["created_at"] = format_iso8601_utc(r.created_at_us);
  o["updated_at"] = format_iso8601_utc(r.updated_at_us);
  return json::serialize(o);
}

std::string cash_out_level_json(const CashOutLevel& l) {
  json::object o{{"id", std::to_string(l.id)}, {"level", l.level}, {"name", l.name}};
  for (auto& [k, v] : values_object(l.values)) o[k] = v;
  o["accounts"] = l.accounts;
  o["created_at"] = format_iso8601_utc(l.created_at_us);
  o["updated_at"] = format_iso8601_utc(l.updated_at_us);
  return json::serialize(o);
}

std::string effective_json(const EffectiveLimits& e) {
  const TransactionType* type = find_transaction_type(e.transaction_type);
  return json::serialize(json::object{{"transaction_type", e.transaction_type},
                                      {"label_pt", type ? type->label_pt : ""},
                                      {"label_en", type ? type->label_en : ""},
                                      {"day_per_transaction", effective_value(e.day_per_transaction)},
                                      {"day_per_day", effective_value(e.day_per_day)},
                                      {"night_per_transaction", effective_value(e.night_per_transaction)},
                                      {"night_per_day", effective_value(e.night_per_day)}});
}

std::vector<FieldError> validate_values(const LimitValues& v) {
  std::vector<FieldError> errors;
  const std::pair<std::string_view, const std::optional<Cents>*> fields[] = {
      {field_day_per_transaction, &v.day_per_transaction},
      {field_day_per_day, &v.day_per_day},
      {field_night_per_transaction, &v.night_per_transaction},
      {field_night_per_day, &v.night_per_day}};
  for (const auto& [name, value] : fields) {
    if (*value && (**value < 0 || **value > limit_value_max)) {
      errors.push_back({std::string(name), "Must be from 0 to " + std::to_string(limit_value_max) + " centavos."});
    }
  }
  if (errors.empty() && v.day_per_transaction && v.day_per_day && *v.day_per_transaction > *v.day_per_day) {
    errors.push_back({std::string(field_day_per_transaction), "Must not exceed the daily limit (day_per_day)."});
  }
  if (errors.empty() && v.night_per_transaction && v.night_per_day && *v.night_per_transaction > *v.night_per_day) {
    errors.push_back({std::string(field_night_per_transaction), "Must not exceed the night limit (night_per_day)."});
  }
  return errors;
}

LimitService::LimitService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                           events::EventLog& events)
    : db_(db), clock_(clock), ids_(ids), audit_(audit), events_(events) {}

Status LimitService::account_exists(std::int64_t tenant_id, Id account_id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return check_account(tx, tenant_id, account_id); });
}

Status LimitService::check_account(db::Transaction& tx, std::int64_t tenant_id, Id account_id) {
  if (account_id <= 0) return Error::not_found("Account not found.");
  if (!account_check_) return {};
  return account_check_(tx, tenant_id, account_id);
}

std::vector<LimitRule> LimitService::rules(std::int64_t tenant_id, Id account_id) {
  auto found =
      db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::rules(tx, tenant_id, account_id); });
  std::vector<LimitRule> out;
  for (const auto& type : transaction_types) {
    for (auto& rule : found) {
      if (rule.transaction_type == type.code) out.push_back(rule);
    }
  }
  return out;
}

Result<PutResult> LimitService::put(const audit::Entry& who, Id account_id, const std::string& transaction_type,
                                    const LimitValues& values) {
  if (!find_transaction_type(transaction_type)) return unknown_type();
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<PutResult> {
    // An account of another tenant is not found before its body is judged.
    if (account_id != base_scope) {
      if (auto exists = check_account(tx, who.tenant_id, account_id); !exists) return exists.error();
    }
    auto errors = validate_values(values);
    if (errors.empty() && account_id != base_scope && !any_value(values)) {
      errors.push_back({std::string(field_day_per_transaction),
                        "An account override sets at least one value; delete it to inherit the base."});
    }
    if (!errors.empty()) {
      return Error{ErrorCode::invalid, errors.size() == 1 ? errors.front().message : "Some fields are invalid.", errors};
    }
    const std::int64_t now = clock_.now_us();
    auto before = store::find_rule(tx, who.tenant_id, account_id, transaction_type, true);
    if (before) {
      LimitRule rule = *before;
      rule.values = values;
      rule.updated_at_us = now;
      store::update_rule(tx, rule);
      record_change(tx, audit_, events_, who, "limit.updated", target_rule, rule.id, limit_rule_json(*before),
                    limit_rule_json(rule));
      return PutResult{rule, false};
    }
    LimitRule rule{who.tenant_id, ids_.next(), account_id, transaction_type, values, now, now};
    retry_on_unique([&] { store::insert_rule(tx, rule); });
    record_change(tx, audit_, events_, who, "limit.created", target_rule, rule.id, "", limit_rule_json(rule));
    return PutResult{rule, true};
  });
}

Status LimitService::remove(const audit::Entry& who, Id account_id, const std::string& transaction_type) {
  if (!find_transaction_type(transaction_type)) return Error::not_found("Limit not found.");
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto before = store::find_rule(tx, who.tenant_id, account_id, transaction_type, true);
    if (!before) return Error::not_found("Limit not found.");
    store::delete_rule(tx, who.tenant_id, before->id);
    record_change(tx, audit_, events_, who, "limit.deleted", target_rule, before->id, limit_rule_json(*before), "");
    return {};
  });
}

EffectiveLimits LimitService::effective_in(db::Transaction& tx, std::int64_t tenant_id, Id account_id,
                                           const std::string& transaction_type) {
  const TransactionType* type = find_transaction_type(transaction_type);
  std::optional<LimitValues> level;
  if (type && type->cash_out) {
    if (auto level_id = store::level_of(tx, tenant_id, account_id)) {
      if (auto found = store::find_level(tx, tenant_id, *level_id)) level = found->values;
    }
  }
  return effective_limits(transaction_type, values_of(store::find_rule(tx, tenant_id, base_scope, transaction_type)),
                          values_of(store::find_rule(tx, tenant_id, account_id, transaction_type)), level);
}

Result<AccountLimits> LimitService::account_limits(std::int64_t tenant_id, Id account_id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) -> Result<AccountLimits> {
    if (auto exists = check_account(tx, tenant_id, account_id); !exists) return exists.error();
    AccountLimits out;
    out.account_id = account_id;
    const auto base = store::rules(tx, tenant_id, base_scope);
    out.overrides = store::rules(tx, tenant_id, account_id);
    if (auto level_id = store::level_of(tx, tenant_id, account_id)) {
      out.cash_out_level = store::find_level(tx, tenant_id, *level_id);
    }
    auto in = [](const std::vector<LimitRule>& rules, std::string_view type) -> std::optional<LimitValues> {
      for (const auto& r : rules) {
        if (r.transaction_type == type) return r.values;
      }
      return std::nullopt;
    };
    for (const auto& type : transaction_types) {
      std::optional<LimitValues> level;
      if (type.cash_out && out.cash_out_level) level = out.cash_out_level->values;
      out.effective.push_back(effective_limits(type.code, in(base, type.code), in(out.overrides, type.code), level));
    }
    return out;
  });
}

Status LimitService::check_transfer(db::Transaction& tx, std::int64_t tenant_id, Id account_id,
                                    const std::string& transaction_type, Cents amount, std::int64_t now_us,
                                    std::chrono::minutes night_start, const SpentOver& spent) {
  const EffectiveLimits limits = effective_in(tx, tenant_id, account_id, transaction_type);
  const Windows w = windows_at(now_us, night_start);
  const bool any_daily = limits.day_per_day.value.has_value();
  const bool any_nightly = w.period == Period::night && limits.night_per_day.value.has_value();
  const Cents today = any_daily ? spent(tx, w.calendar_day) : 0;
  const Cents tonight = any_nightly ? spent(tx, w.period_window) : 0;
  const LimitDecision d = check(limits, amount, sao_paulo_time_of(now_us), night_start, today, tonight);
  if (d.allowed) return {};
  const std::string message = "The " + d.value + " limit of " + format_brl(d.limit) + " does not allow " +
                              format_brl(amount) + "; " + format_brl(d.remaining) + " still fits.";
  return Error{ErrorCode::limit_exceeded, message, {{d.value, message, "limit_exceeded"}}};
}

std::vector<CashOutLevel> LimitService::levels(std::int64_t tenant_id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::levels(tx, tenant_id); });
}

Result<CashOutLevel> LimitService::level(std::int64_t tenant_id, Id id) {
  auto found =
      db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::find_level(tx, tenant_id, id); });
  if (!found) return level_not_found();
  return *found;
}

namespace {

Status validate_level(db::Transaction& tx, const CashOutLevel& l) {
  std::vector<FieldError> errors;
  if (l.level < 1 || l.level > cash_out_levels_max) {
    errors.push_back({"level", "Must be from 1 to " + std::to_string(cash_out_levels_max) + "."});
  }
  if (l.name.empty()) {
    errors.push_back({"name", "A name is required."});  // its length is checked where the body is read
  }
  for (auto& e : validate_values(l.values)) errors.push_back(std::move(e));
  if (!errors.empty()) {
    return Error{ErrorCode::invalid, errors.size() == 1 ? errors.front().message : "Some fields are invalid.", errors};
  }
  if (auto other = store::find_level_by_number(tx, l.tenant_id, l.level); other && *other != l.id) {
    return Error{ErrorCode::conflict, "Another level has this number.", {{"level", "Another level has this number."}}};
  }
  return {};
}

}  // namespace

Result<CashOutLevel> LimitService::create_level(const audit::Entry& who, const CashOutLevelInput& in) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<CashOutLevel> {
    CashOutLevel l;
    l.tenant_id = who.tenant_id;
    l.id = ids_.next();
    l.level = in.level.value_or(0);
    l.name = in.name.value_or("");
    l.values = in.values.value_or(LimitValues{});
    l.created_at_us = l.updated_at_us = clock_.now_us();
    if (auto invalid = validate_level(tx, l); !invalid) return invalid.error();
    store::insert_level(tx, l);
    record_change(tx, audit_, events_, who, "cash_out_level.created", target_level, l.id, "", cash_out_level_json(l));
    return l;
  });
}

Result<CashOutLevel> LimitService::update_level(const audit::Entry& who, Id id, const CashOutLevelInput& in) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<CashOutLevel> {
    auto before = store::find_level(tx, who.tenant_id, id, true);
    if (!before) return level_not_found();
    CashOutLevel l = *before;
    if (in.level) l.level = *in.level;
    if (in.name) l.name = *in.name;
    if (in.values) l.values = *in.values;
    l.updated_at_us = clock_.now_us();
    if (auto invalid = validate_level(tx, l); !invalid) return invalid.error();
    store::update_level(tx, l);
    record_change(tx, audit_, events_, who, "cash_out_level.updated", target_level, l.id, cash_out_level_json(*before),
                  cash_out_level_json(l));
    return l;
  });
}

Status LimitService::remove_level(const audit::Entry& who, Id id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto before = store::find_level(tx, who.tenant_id, id, true);
    if (!before) return level_not_found();
    if (before->accounts > 0) {
      return Error::conflict(std::to_string(before->accounts) +
                             " account(s) have this cash-out level; assign them another level first.");
    }
    store::delete_level(tx, who.tenant_id, id);
    record_change(tx, audit_, events_, who, "cash_out_level.deleted", target_level, id, cash_out_level_json(*before),
                  "");
    return {};
  });
}

Result<std::optional<CashOutLevel>> LimitService::assign_level(const audit::Entry& who, Id account_id,
                                                               std::optional<Id> level_id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<std::optional<CashOutLevel>> {
    if (auto exists = check_account(tx, who.tenant_id, account_id); !exists) return exists.error();
    std::optional<CashOutLevel> level;
    if (level_id) {
      level = store::find_level(tx, who.tenant_id, *level_id, true);
      if (!level) return Error::invalid("level_id", "No such cash-out level.");
    }
    const auto previous = store::level_of(tx, who.tenant_id, account_id);
    if (previous == level_id) return level;  // unchanged: nothing to audit
    if (level) {
      store::assign_level(tx, who.tenant_id, account_id, level->id, clock_.now_us());
      ++level->accounts;
    } else {
      store::unassign_level(tx, who.tenant_id, account_id);
    }
    auto state = [&](const std::optional<Id>& id, const std::optional<CashOutLevel>& l) {
      return json::serialize(json::object{{"account_id", std::to_string(account_id)},
                                          {"level_id", id ? json::value(std::to_string(*id)) : json::value(nullptr)},
                                          {"level", l ? json::value(l->level) : json::value(nullptr)}});
    };
    std::optional<CashOutLevel> before_level;
    if (previous) before_level = store::find_level(tx, who.tenant_id, *previous);
    record_change(tx, audit_, events_, who, "cash_out_level.assigned", "account", account_id,
                  state(previous, before_level), state(level_id, level));
    return level;
  });
}

}  // namespace rg::banking::limits
