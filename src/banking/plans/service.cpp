#include "banking/plans/service.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "banking/common.hpp"
#include "banking/plans/store.hpp"

namespace rg::banking::plans {

namespace {

namespace json = boost::json;

constexpr const char* target_tariff = "tariff";

Error plan_not_found() { return Error::not_found("Plan not found."); }
Error tariff_not_found() { return Error::not_found("Tariff not found."); }

Error field_error(ErrorCode code, std::vector<FieldError> errors) {
  return Error{code, errors.size() == 1 ? errors.front().message : "Some fields are invalid.", std::move(errors)};
}

bool valid_token(std::string_view text, std::size_t max, std::string_view extra) {
  if (text.empty() || text.size() > max) return false;
  for (const char c : text) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && extra.find(c) == std::string_view::npos) return false;
  }
  return true;
}

bool valid_card_product_id(std::string_view id) { return valid_token(id, card_product_id_chars_max, "_.:-"); }

json::value cents_or_null(const std::optional<Cents>& v) { return v ? json::value(*v) : json::value(nullptr); }

}  // namespace

std::string plan_json(const Plan& p) {
  json::object parameters;
  for (const auto& [k, v] : p.parameters) parameters[k] = v;
  json::array cards;
  for (const auto& c : p.card_product_ids) cards.push_back(json::value(c));
  return json::serialize(json::object{{"id", std::to_string(p.id)},
                                      {"name", p.name},
                                      {"description", p.description},
                                      {"active", p.active},
                                      {"is_default", p.is_default},
                                      {"overdraft_limit", p.overdraft_limit},
                                      {"monthly_fee", p.monthly_fee},
                                      {"parameters", std::move(parameters)},
                                      {"card_product_ids", std::move(cards)},
                                      {"tariff_count", p.tariff_count},
                                      {"created_at", format_iso8601_utc(p.created_at_us)},
                                      {"updated_at", format_iso8601_utc(p.updated_at_us)}});
}

std::string tariff_json(const Tariff& t) {
  const Operation* op = find_operation(t.operation);
  return json::serialize(json::object{{"id", std::to_string(t.id)},
                                      {"plan_id", std::to_string(t.plan_id)},
                                      {"plan_name", t.plan_name},
                                      {"operation", t.operation},
                                      {"operation_label_pt", op ? op->label_pt : ""},
                                      {"operation_label_en", op ? op->label_en : ""},
                                      {"kind", kind_name(t.kind)},
                                      {"fixed_amount", t.fixed_amount},
                                      {"rate_bps", t.rate_bps},
                                      {"min_amount", cents_or_null(t.min_amount)},
                                      {"max_amount", cents_or_null(t.max_amount)},
                                      {"free_quota", t.free_quota},
                                      {"active", t.active},
                                      {"description", t.description},
                                      {"created_at", format_iso8601_utc(t.created_at_us)},
                                      {"updated_at", format_iso8601_utc(t.updated_at_us)}});
}

void register_plan_events(events::EventCatalog& catalog) {
  const std::string plan_sample =
      R"({"id":"1","name":"Essencial","active":true,"is_default":true,"overdraft_limit":0,"monthly_fee":0})";
  const std::string tariff_sample =
      R"({"id":"1","plan_id":"2","operation":"ted","kind":"fixed","fixed_amount":890,"free_quota":4,"active":true})";
  catalog.add({"plan.created", "Plano criado", "Plan created", plan_sample});
  catalog.add({"plan.updated", "Plano alterado", "Plan changed", plan_sample});
  catalog.add({"plan.deleted", "Plano excluído", "Plan deleted", plan_sample});
  catalog.add({"plan.restored", "Plano restaurado", "Plan restored", plan_sample});
  catalog.add({"tariff.created", "Tarifa criada", "Tariff created", tariff_sample});
  catalog.add({"tariff.updated", "Tarifa alterada", "Tariff changed", tariff_sample});
  catalog.add({"tariff.deleted", "Tarifa excluída", "Tariff deleted", tariff_sample});
}

PlanService::PlanService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                         events::EventLog& events)
    : db_(db), clock_(clock), ids_(ids), audit_(audit), events_(events) {}

void PlanService::register_record_types(deleted::RecordTypes& deleted, tags::RecordTypes& tags,
                                        const char* read_permission) {
  deleted.add({record_type_plan, "Plano", "Plan",
               [this](db::Transaction& tx, const audit::Entry& who, Id id) -> Result<std::string> {
                 auto plan = store::find_plan(tx, who.tenant_id, id, true, true);
                 if (!plan) return Error::not_found("Plan not found among deleted records.");
                 if (auto other = store::find_plan_by_name(tx, who.tenant_id, plan->name)) {
                   return Error{ErrorCode::conflict,
                                "Another plan now has this name; rename it first.",
                                {{"name", "Another plan now has this name."}}};
                 }
                 store::restore_plan(tx, who.tenant_id, id, clock_.now_us());
                 return plan_json(*store::find_plan(tx, who.tenant_id, id));
               }});
  tags.add({record_type_plan, "Plano", "Plan", read_permission,
            [](db::Transaction& tx, std::int64_t tenant_id, Id id) -> std::optional<std::string> {
              auto plan = store::find_plan(tx, tenant_id, id);
              if (!plan) return std::nullopt;
              return plan->name;
            }});
}

std::vector<Plan> PlanService::list(std::int64_t tenant_id, const PlanFilter& filter) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::list_plans(tx, tenant_id, filter); });
}

Result<Plan> PlanService::get(std::int64_t tenant_id, Id id) {
  auto plan = db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::find_plan(tx, tenant_id, id); });
  if (!plan) return plan_not_found();
  return *plan;
}

std::optional<Plan> PlanService::plan_in(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  return store::find_plan(tx, tenant_id, id);
}

std::optional<Id> PlanService::default_plan_in(db::Transaction& tx, std::int64_t tenant_id) {
  return store::default_plan(tx, tenant_id);
}

Status PlanService::validate(db::Transaction& tx, const Plan& p, const std::optional<Plan>& before) {
  std::vector<FieldError> errors;
  if (p.name.empty()) errors.push_back({"name", "A name is required."});
  if (p.overdraft_limit < 0 || p.overdraft_limit > plan_amount_max) {
    errors.push_back({"overdraft_limit", "Must be from 0 to " + std::to_string(plan_amount_max) + " centavos."});
  }
  if (p.monthly_fee < 0 || p.monthly_fee > plan_amount_max) {
    errors.push_back({"monthly_fee", "Must be from 0 to " + std::to_string(plan_amount_max) + " centavos."});
  }
  if (p.parameters.size() > plan_parameters_max) {
    errors.push_back({"parameters", "At most " + std::to_string(plan_parameters_max) + " parameters."});
  }
  for (const auto& [k, v] : p.parameters) {
    if (!valid_token(k, parameter_key_chars_max, "_.-")) {
      errors.push_back({"parameters", "Parameter names have 1 to " + std::to_string(parameter_key_chars_max) +
                                          " letters, digits, '_', '.' or '-': " + k.substr(0, 80)});
      break;
    }
    if (v.size() > parameter_value_chars_max) {
      errors.push_back({"parameters",
                        "A parameter value has at most " + std::to_string(parameter_value_chars_max) + " bytes: " + k});
      break;
    }
  }
  if (p.card_product_ids.size() > card_products_per_plan_max) {
    errors.push_back({"card_product_ids", "At most " + std::to_string(card_products_per_plan_max) + " card IDs."});
  }
  for (const auto& c : p.card_product_ids) {
    if (!valid_card_product_id(c)) {
      errors.push_back({"card_product_ids", "Card IDs have 1 to " + std::to_string(card_product_id_chars_max) +
                                                " letters, digits, '_', '.', ':' or '-'."});
      break;
    }
  }
  if (p.is_default && !p.active) {
    errors.push_back({"active", "The default plan must be active; make another plan the default first."});
  }
  if (before && before->is_default && !p.is_default) {
    errors.push_back({"is_default", "A tenant always has one default plan; make another plan the default instead."});
  }
  if (!errors.empty()) return field_error(ErrorCode::invalid, std::move(errors));
  if (auto other = store::find_plan_by_name(tx, p.tenant_id, p.name); other && *other != p.id) {
    return Error{ErrorCode::conflict, "A plan with this name exists.", {{"name", "A plan with this name exists."}}};
  }
  return {};
}

// Writes `plan` (new when `before` is empty); when it becomes the default, the previous default
// loses the flag in the same transaction (audited as its own change).
Result<Plan> PlanService::save(db::Transaction& tx, const audit::Entry& who, Plan plan,
                               const std::optional<Plan>& before) {
  if (auto invalid = validate(tx, plan, before); !invalid) return invalid.error();
  if (plan.is_default && !(before && before->is_default)) {
    if (auto previous_id = store::default_plan(tx, who.tenant_id, true); previous_id && *previous_id != plan.id) {
      auto previous = store::find_plan(tx, who.tenant_id, *previous_id);
      Plan demoted = *previous;
      demoted.is_default = false;
      demoted.updated_at_us = plan.updated_at_us;
      store::update_plan(tx, demoted);
      record_change(tx, audit_, events_, who, "plan.updated", record_type_plan, demoted.id, plan_json(*previous),
                    plan_json(demoted));
    }
  }
  retry_on_unique([&] {
    if (before) {
      store::update_plan(tx, plan);
    } else {
      store::insert_plan(tx, plan);
    }
  });
  Plan saved = *store::find_plan(tx, who.tenant_id, plan.id);
  record_change(tx, audit_, events_, who, before ? "plan.updated" : "plan.created", record_type_plan, plan.id,
                before ? plan_json(*before) : "", plan_json(saved));
  return saved;
}

Result<Plan> PlanService::create(const audit::Entry& who, const PlanInput& in) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Plan> {
    Plan p;
    p.tenant_id = who.tenant_id;
    p.id = ids_.next();
    p.name = in.name.value_or("");
    p.description = in.description.value_or("");
    p.active = in.active.value_or(true);
    // The first plan of a tenant is its default.
    p.is_default = in.is_default.value_or(false) || !store::default_plan(tx, who.tenant_id, true);
    p.overdraft_limit = in.overdraft_limit.value_or(0);
    p.monthly_fee = in.monthly_fee.value_or(0);
    p.parameters = in.parameters.value_or(std::map<std::string, std::string>{});
    p.card_product_ids = in.card_product_ids.value_or(std::vector<std::string>{});
    std::sort(p.card_product_ids.begin(), p.card_product_ids.end());
    p.card_product_ids.erase(std::unique(p.card_product_ids.begin(), p.card_product_ids.end()),
                             p.card_product_ids.end());
    p.created_at_us = p.updated_at_us = clock_.now_us();
    return save(tx, who, std::move(p), std::nullopt);
  });
}

Result<Plan> PlanService::update(const audit::Entry& who, Id id, const PlanInput& in) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Plan> {
    auto before = store::find_plan(tx, who.tenant_id, id, true);
    if (!before) return plan_not_found();
    Plan p = *before;
    if (in.name) p.name = *in.name;
    if (in.description) p.description = *in.description;
    if (in.active) p.active = *in.active;
    if (in.is_default) p.is_default = *in.is_default;
    if (in.overdraft_limit) p.overdraft_limit = *in.overdraft_limit;
    if (in.monthly_fee) p.monthly_fee = *in.monthly_fee;
    if (in.parameters) p.parameters = *in.parameters;
    p.updated_at_us = clock_.now_us();
    return save(tx, who, std::move(p), before);
  });
}

Status PlanService::remove(const audit::Entry& who, Id id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto before = store::find_plan(tx, who.tenant_id, id, true);
    if (!before) return plan_not_found();
    if (before->is_default) {
      return Error{ErrorCode::conflict,
                   "The default plan cannot be deleted; make another plan the default first.",
                   {{"is_default", "The default plan cannot be deleted."}}};
    }
    if (plan_in_use_ && plan_in_use_(tx, who.tenant_id, id)) {
      return Error::conflict("Accounts use this plan; move them to another plan first.");
    }
    const std::int64_t now = clock_.now_us();
    store::soft_delete_plan(tx, who.tenant_id, id, who.actor_id, now);
    deleted::record_deletion(tx, ids_, now, who, record_type_plan, id, before->name);
    record_change(tx, audit_, events_, who, "plan.deleted", record_type_plan, id, plan_json(*before), "");
    return {};
  });
}

Result<bool> PlanService::add_card_product(const audit::Entry& who, Id plan_id, const std::string& card_product_id) {
  if (!valid_card_product_id(card_product_id)) {
    return Error::invalid("card_product_id", "Card IDs have 1 to " + std::to_string(card_product_id_chars_max) +
                                                 " letters, digits, '_', '.', ':' or '-'.");
  }
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<bool> {
    auto before = store::find_plan(tx, who.tenant_id, plan_id, true);
    if (!before) return plan_not_found();
    if (before->card_product_ids.size() >= card_products_per_plan_max) {
      return Error::conflict("A plan has at most " + std::to_string(card_products_per_plan_max) + " card IDs.");
    }
    if (!store::add_card_product(tx, who.tenant_id, plan_id, card_product_id, clock_.now_us())) return false;
    record_change(tx, audit_, events_, who, "plan.updated", record_type_plan, plan_id, plan_json(*before),
                  plan_json(*store::find_plan(tx, who.tenant_id, plan_id)));
    return true;
  });
}

Status PlanService::remove_card_product(const audit::Entry& who, Id plan_id, const std::string& card_product_id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto before = store::find_plan(tx, who.tenant_id, plan_id, true);
    if (!before) return plan_not_found();
    if (!store::remove_card_product(tx, who.tenant_id, plan_id, card_product_id)) {
      return Error::not_found("The plan has no such card ID.");
    }
    record_change(tx, audit_, events_, who, "plan.updated", record_type_plan, plan_id, plan_json(*before),
                  plan_json(*store::find_plan(tx, who.tenant_id, plan_id)));
    return {};
  });
}

std::vector<Tariff> PlanService::tariffs(std::int64_t tenant_id, const TariffFilter& filter) {
  return db_.transact(db::TxMode::read,
                      [&](db::Transaction& tx) { return store::list_tariffs(tx, tenant_id, filter); });
}

Result<Tariff> PlanService::tariff(std::int64_t tenant_id, Id id) {
  auto t = db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::find_tariff(tx, tenant_id, id); });
  if (!t) return tariff_not_found();
  return *t;
}

std::optional<Tariff> PlanService::tariff_for(db::Transaction& tx, std::int64_t tenant_id, Id plan_id,
                                              const std::string& operation) {
  auto t = store::find_tariff_for(tx, tenant_id, plan_id, operation);
  if (!t || !t->active) return std::nullopt;
  return t;
}

std::optional<Charge> PlanService::charge_for(db::Transaction& tx, std::int64_t tenant_id, Id plan_id,
                                              const std::string& operation, Cents amount, std::int64_t now_us,
                                              const CountIn& used) {
  auto tariff = tariff_for(tx, tenant_id, plan_id, operation);
  if (!tariff) return std::nullopt;
  const int used_this_month = tariff->free_quota > 0 ? used(tx, month_window(now_us)) : 0;
  const Operation* op = find_operation(operation);
  return Charge{tariff->id, quote(*tariff, amount, used_this_month),
                !tariff->description.empty() ? tariff->description : std::string(op ? op->label_pt : operation)};
}

namespace {

std::vector<FieldError> validate_tariff(const Tariff& t) {
  std::vector<FieldError> errors;
  const Operation* op = find_operation(t.operation);
  if (!op) {
    errors.push_back({"operation", "Unknown operation: use a transaction type, monthly_fee or account_opening."});
  } else if (!op->has_amount && t.kind == TariffKind::percentage) {
    errors.push_back({"kind", "This operation has no amount: use a fixed tariff."});
  }
  const std::string amount_range = "Must be from 0 to " + std::to_string(plan_amount_max) + " centavos.";
  if (t.fixed_amount < 0 || t.fixed_amount > plan_amount_max) errors.push_back({"fixed_amount", amount_range});
  if (t.rate_bps < 0 || t.rate_bps > basis_points_per_unit) {
    errors.push_back({"rate_bps", "Must be from 0 to 10000 basis points (100 %)."});
  }
  if (t.min_amount && (*t.min_amount < 0 || *t.min_amount > plan_amount_max)) {
    errors.push_back({"min_amount", amount_range});
  }
  if (t.max_amount && (*t.max_amount < 0 || *t.max_amount > plan_amount_max)) {
    errors.push_back({"max_amount", amount_range});
  }
  if (t.min_amount && t.max_amount && *t.min_amount > *t.max_amount) {
    errors.push_back({"max_amount", "Must not be below the minimum."});
  }
  if (t.free_quota < 0 || t.free_quota > free_quota_max) {
    errors.push_back({"free_quota", "Must be from 0 to " + std::to_string(free_quota_max) + "."});
  }
  return errors;
}

void apply(Tariff& t, const TariffInput& in) {
  if (in.kind) t.kind = *in.kind;
  if (in.fixed_amount) t.fixed_amount = *in.fixed_amount;
  if (in.rate_bps) t.rate_bps = *in.rate_bps;
  if (in.min_amount) t.min_amount = *in.min_amount;
  if (in.max_amount) t.max_amount = *in.max_amount;
  if (in.free_quota) t.free_quota = *in.free_quota;
  if (in.active) t.active = *in.active;
  if (in.description) t.description = *in.description;
  // Only the value of the tariff's kind is kept.
  if (t.kind == TariffKind::fixed) t.rate_bps = 0;
  if (t.kind == TariffKind::percentage) t.fixed_amount = 0;
}

}  // namespace

Result<Tariff> PlanService::create_tariff(const audit::Entry& who, const TariffInput& in) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Tariff> {
    Tariff t;
    t.tenant_id = who.tenant_id;
    t.id = ids_.next();
    t.operation = in.operation.value_or("");
    apply(t, in);
    t.created_at_us = t.updated_at_us = clock_.now_us();
    auto errors = validate_tariff(t);
    std::optional<Plan> plan;
    if (!in.plan_id || !(plan = store::find_plan(tx, who.tenant_id, *in.plan_id, true))) {
      errors.insert(errors.begin(), {"plan_id", "No such plan."});
    }
    if (!in.kind) errors.push_back({"kind", "This field is required."});
    if (in.kind == TariffKind::fixed && !in.fixed_amount) errors.push_back({"fixed_amount", "This field is required."});
    if (in.kind == TariffKind::percentage && !in.rate_bps) errors.push_back({"rate_bps", "This field is required."});
    if (!errors.empty()) return field_error(ErrorCode::invalid, std::move(errors));
    t.plan_id = plan->id;
    t.plan_name = plan->name;
    if (store::find_tariff_for(tx, who.tenant_id, t.plan_id, t.operation)) {
      return Error{ErrorCode::conflict,
                   "The plan has a tariff for this operation; change it instead.",
                   {{"operation", "The plan has a tariff for this operation."}}};
    }
    retry_on_unique([&] { store::insert_tariff(tx, t); });
    record_change(tx, audit_, events_, who, "tariff.created", target_tariff, t.id, "", tariff_json(t));
    return t;
  });
}

Result<Tariff> PlanService::update_tariff(const audit::Entry& who, Id id, const TariffInput& in) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Tariff> {
    auto before = store::find_tariff(tx, who.tenant_id, id, true);
    if (!before) return tariff_not_found();
    Tariff t = *before;
    apply(t, in);
    t.updated_at_us = clock_.now_us();
    if (auto errors = validate_tariff(t); !errors.empty()) return field_error(ErrorCode::invalid, std::move(errors));
    store::update_tariff(tx, t);
    record_change(tx, audit_, events_, who, "tariff.updated", target_tariff, t.id, tariff_json(*before),
                  tariff_json(t));
    return t;
  });
}

Status PlanService::remove_tariff(const audit::Entry& who, Id id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto before = store::find_tariff(tx, who.tenant_id, id, true);
    if (!before) return tariff_not_found();
    store::delete_tariff(tx, who.tenant_id, id);
    record_change(tx, audit_, events_, who, "tariff.deleted", target_tariff, id, tariff_json(*before), "");
    return {};
  });
}

}  // namespace rg::banking::plans
