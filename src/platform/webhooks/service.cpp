#include "platform/webhooks/service.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "core/log.hpp"
#include "platform/webhooks/store.hpp"

namespace rg::webhooks {

namespace json = boost::json;

namespace {

struct Target {
  std::int64_t tenant_id = 0;
  Id id = 0;
};

std::optional<Target> parse_target(const std::string& payload) {
  boost::system::error_code ec;
  const auto doc = json::parse(payload, ec);
  const auto* object = ec ? nullptr : doc.if_object();
  const auto* tenant = object ? object->if_contains("tenant_id") : nullptr;
  const auto* id = object ? object->if_contains("id") : nullptr;
  if (!tenant || !tenant->is_int64() || !id || !id->is_string()) return std::nullopt;
  try {
    std::size_t used = 0;
    const std::string text(id->as_string());
    const Id value = std::stoll(text, &used);
    if (used != text.size()) return std::nullopt;
    return Target{tenant->as_int64(), value};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The Standard Webhooks body: {"type", "timestamp", "data"}; `data` is the event payload as
// stored (already a JSON document). Test deliveries say so.
std::string body_for(const std::string& type, std::int64_t at_us, const std::string& data, bool is_test) {
  std::string body = "{\"type\":" + json::serialize(json::value(type)) + ",\"timestamp\":\"" +
                     format_iso8601_utc_ms(at_us) + "\",\"data\":" + data;
  if (is_test) body += ",\"test\":true";
  return body + "}";
}

bool matches(const Trigger& t, const std::string& type) {
  return std::find(t.event_types.begin(), t.event_types.end(), type) != t.event_types.end();
}

json::value opt(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value opt(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value iso(const std::optional<std::int64_t>& us) {
  return us ? json::value(format_iso8601_utc_ms(*us)) : json::value(nullptr);
}

}  // namespace

std::string trigger_json(const Trigger& t) {
  json::array types;
  for (const auto& type : t.event_types) types.emplace_back(type);
  return json::serialize(json::object{{"id", std::to_string(t.id)},
                                      {"url", t.url},
                                      {"description", t.description},
                                      {"event_types", std::move(types)},
                                      {"active", t.active},
                                      {"created_at", format_iso8601_utc_ms(t.created_at_us)},
                                      {"updated_at", format_iso8601_utc_ms(t.updated_at_us)}});
}

std::string delivery_json(const Delivery& d, bool with_payload) {
  json::object o{{"id", std::to_string(d.id)},
                 {"trigger_id", std::to_string(d.trigger_id)},
                 {"event_id", d.event_id ? json::value(std::to_string(*d.event_id)) : json::value(nullptr)},
                 {"event_type", d.event_type},
                 {"is_test", d.is_test},
                 {"status", d.status},
                 {"attempts", d.attempts},
                 {"last_status_code", d.last_status_code ? json::value(*d.last_status_code) : json::value(nullptr)},
                 {"last_latency_ms", opt(d.last_latency_ms)},
                 {"last_response_excerpt", opt(d.last_response_excerpt)},
                 {"last_error", opt(d.last_error)},
                 {"next_attempt_at", iso(d.next_attempt_at_us)},
                 {"created_at", format_iso8601_utc_ms(d.created_at_us)},
                 {"delivered_at", iso(d.delivered_at_us)}};
  if (with_payload) o["payload"] = d.payload;
  return json::serialize(o);
}

WebhookService::WebhookService(db::Database& db, const Clock& clock, IdGenerator& ids, jobs::JobQueue& jobs,
                               audit::AuditLog& audit, const events::EventCatalog& catalog, WebhookOptions options)
    : db_(db),
      clock_(clock),
      ids_(ids),
      jobs_(jobs),
      audit_(audit),
      catalog_(catalog),
      options_(options),
      events_(catalog, clock, ids) {
  jobs_.register_kind(
      deliver_job_kind, [this](const jobs::Job& job) { return deliver(job); }, deliver_attempts_max,
      // Also when a worker died during the last attempt: the delivery must not stay "queued".
      [](db::Transaction& tx, const jobs::Job& job, const std::string& error) {
        if (auto target = parse_target(job.payload)) store::mark_failed(tx, target->tenant_id, target->id, error);
      });
  jobs_.register_periodic(fanout_job_kind, fanout_period_ms, [this](const jobs::Job&) -> Status {
    fan_out();
    return {};
  });
}

Status WebhookService::validate(const Trigger& t) const {
  std::vector<FieldError> errors;
  std::string why;
  if (!valid_url(t.url, why)) errors.push_back({"url", why});
  if (t.description.size() > 500) errors.push_back({"description", "At most 500 characters."});
  if (t.event_types.empty()) errors.push_back({"event_types", "Choose at least one event type."});
  for (const auto& type : t.event_types) {
    if (!catalog_.contains(type)) errors.push_back({"event_types", "Unknown event type '" + type + "'."});
  }
  if (errors.empty()) return {};
  return Error{ErrorCode::invalid, errors.front().message, std::move(errors)};
}

std::vector<Trigger> WebhookService::list(std::int64_t tenant_id) {
  return db_.transact(db::TxMode::read,
                      [&](db::Transaction& tx) { return store::list_triggers(tx, tenant_id, false); });
}

Result<Trigger> WebhookService::get(std::int64_t tenant_id, Id id) {
  auto t = db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::find_trigger(tx, tenant_id, id); });
  if (!t) return Error::not_found("Trigger not found.");
  return *t;
}

Result<Trigger> WebhookService::create(const audit::Entry& who, const TriggerInput& input) {
  Trigger t;
  t.tenant_id = who.tenant_id;
  t.id = ids_.next();
  t.url = input.url.value_or("");
  t.description = input.description.value_or("");
  if (input.event_types) {
    std::set<std::string> unique(input.event_types->begin(), input.event_types->end());
    t.event_types.assign(unique.begin(), unique.end());
  }
  t.active = input.active.value_or(true);
  t.secret = new_secret();
  t.created_at_us = t.updated_at_us = clock_.now_us();
  if (auto s = validate(t); !s) return s.error();
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Trigger> {
    if (store::list_triggers(tx, t.tenant_id, false).size() >= triggers_per_tenant_max) {
      return Error::conflict("A tenant can have at most " + std::to_string(triggers_per_tenant_max) + " triggers.");
    }
    store::insert_trigger(tx, t);
    store::ensure_cursor(tx, t.tenant_id, t.created_at_us);
    audit_.record(tx, who, "webhook_trigger.created", "webhook_trigger", std::to_string(t.id), "", trigger_json(t));
    return t;
  });
}

Result<Trigger> WebhookService::update(const audit::Entry& who, Id id, const TriggerInput& input) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Trigger> {
    auto current = store::find_trigger(tx, who.tenant_id, id, true);
    if (!current) return Error::not_found("Trigger not found.");
    Trigger t = *current;
    if (input.url) t.url = *input.url;
    if (input.description) t.description = *input.description;
    if (input.event_types) {
      std::set<std::string> unique(input.event_types->begin(), input.event_types->end());
      t.event_types.assign(unique.begin(), unique.end());
    }
    if (input.active) t.active = *input.active;
    t.updated_at_us = clock_.now_us();
    if (auto s = validate(t); !s) return s.error();
    store::update_trigger(tx, t);
    audit_.record(tx, who, "webhook_trigger.updated", "webhook_trigger", std::to_string(t.id),
                  trigger_json(*current), trigger_json(t));
    return t;
  });
}

Status WebhookService::remove(const audit::Entry& who, Id id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto current = store::find_trigger(tx, who.tenant_id, id, true);
    if (!current) return Error::not_found("Trigger not found.");
    store::delete_trigger(tx, who.tenant_id, id, clock_.now_us());
    audit_.record(tx, who, "webhook_trigger.deleted", "webhook_trigger", std::to_string(id), trigger_json(*current),
                  "");
    return {};
  });
}

Result<Trigger> WebhookService::rotate_secret(const audit::Entry& who, Id id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Trigger> {
    auto current = store::find_trigger(tx, who.tenant_id, id, true);
    if (!current) return Error::not_found("Trigger not found.");
    Trigger t = *current;
    t.secret = new_secret();
    t.updated_at_us = clock_.now_us();
    store::update_trigger(tx, t);
    audit_.record(tx, who, "webhook_trigger.secret_rotated", "webhook_trigger", std::to_string(id), "", "");
    return t;
  });
}

Result<Delivery> WebhookService::queue_delivery(db::Transaction& tx, const Trigger& trigger,
                                                std::optional<Id> event_id, const std::string& event_type,
                                                bool is_test, std::string body) {
  Delivery d;
  d.tenant_id = trigger.tenant_id;
  d.id = ids_.next();
  d.trigger_id = trigger.id;
  d.event_id = event_id;
  d.event_type = event_type;
  d.is_test = is_test;
  d.payload = std::move(body);
  d.status = "queued";
  d.created_at_us = clock_.now_us();
  d.next_attempt_at_us = d.created_at_us;
  store::insert_delivery(tx, d);
  const json::object payload{{"tenant_id", d.tenant_id}, {"id", std::to_string(d.id)}};
  auto job = jobs_.enqueue(tx, jobs::JobSpec{deliver_job_kind, json::serialize(payload), d.tenant_id, 0, 0,
                                             std::nullopt});
  if (!job) return job.error();
  return d;
}

Result<Delivery> WebhookService::simulate(const audit::Entry& who, Id trigger_id, const std::string& event_type) {
  const auto* type = catalog_.find(event_type);
  if (!type) return Error::invalid("event_type", "Unknown event type '" + event_type + "'.");
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Delivery> {
    auto trigger = store::find_trigger(tx, who.tenant_id, trigger_id);
    if (!trigger) return Error::not_found("Trigger not found.");
    const std::string data = type->sample_payload.empty() ? "{}" : type->sample_payload;
    auto d = queue_delivery(tx, *trigger, std::nullopt, event_type, true,
                            body_for(event_type, clock_.now_us(), data, true));
    if (!d) return d;
    audit_.record(tx, who, "webhook_delivery.simulated", "webhook_delivery", std::to_string(d->id), "",
                  delivery_json(*d, false));
    return d;
  });
}

Result<Delivery> WebhookService::resend(const audit::Entry& who, Id delivery_id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Delivery> {
    auto original = store::find_delivery(tx, who.tenant_id, delivery_id);
    if (!original) return Error::not_found("Delivery not found.");
    auto trigger = store::find_trigger(tx, who.tenant_id, original->trigger_id);
    if (!trigger) return Error::conflict("The delivery's trigger was deleted.");
    auto d = queue_delivery(tx, *trigger, original->event_id, original->event_type, original->is_test,
                            original->payload);
    if (!d) return d;
    audit_.record(tx, who, "webhook_delivery.resent", "webhook_delivery", std::to_string(d->id),
                  json::serialize(json::object{{"resent_from", std::to_string(delivery_id)}}),
                  delivery_json(*d, false));
    return d;
  });
}

std::vector<Delivery> WebhookService::deliveries(std::int64_t tenant_id, const DeliveryFilter& filter) {
  return db_.transact(db::TxMode::read,
                      [&](db::Transaction& tx) { return store::list_deliveries(tx, tenant_id, filter); });
}

Result<Delivery> WebhookService::delivery(std::int64_t tenant_id, Id id) {
  auto d = db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::find_delivery(tx, tenant_id, id); });
  if (!d) return Error::not_found("Delivery not found.");
  return *d;
}

int WebhookService::fan_out() {
  const auto tenants = db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::cursor_tenants(tx); });
  int created = 0;
  for (const auto tenant : tenants) {
    try {
      created += fan_out_tenant(tenant);
    } catch (const std::exception& e) {
      log::error("webhooks.fanout_failed", {{"tenant_id", tenant}, {"error", e.what()}});
    }
  }
  return created;
}

int WebhookService::fan_out_tenant(std::int64_t tenant_id) {
  // A cheap read first: most passes find nothing new, and a write transaction would take
  // SQLite's single write lock every second for every tenant.
  const std::int64_t settled_before = clock_.now_us() - options_.settle_us;
  const bool pending = db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    const auto cursor = store::cursor(tx, tenant_id);
    if (!cursor) return false;
    const auto next = events_.after(tx, tenant_id, *cursor, 1);
    return !next.empty() && next.front().occurred_at_us <= settled_before;
  });
  if (!pending) return 0;
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> int {
    const auto cursor = store::lock_cursor(tx, tenant_id);
    if (!cursor) return 0;
    const auto triggers = store::list_triggers(tx, tenant_id, true);
    Id last = *cursor;
    int created = 0;
    for (const auto& event : events_.after(tx, tenant_id, *cursor, fanout_events_per_pass)) {
      if (event.occurred_at_us > settled_before) break;
      for (const auto& trigger : triggers) {
        // Ids are time-ordered: a trigger gets only events published after it was created.
        if (trigger.id >= event.id || !matches(trigger, event.type)) continue;
        auto d = queue_delivery(tx, trigger, event.id, event.type, false,
                                body_for(event.type, event.occurred_at_us, event.payload, false));
        if (!d) throw std::runtime_error(d.error().detail);
        ++created;
      }
      last = event.id;
    }
    if (last != *cursor) store::set_cursor(tx, tenant_id, last, clock_.now_us());
    return created;
  });
}

Status WebhookService::deliver(const jobs::Job& job) {
  const auto target = parse_target(job.payload);
  if (!target) return Error::invalid("payload", "webhook delivery payload needs tenant_id and id");
  struct Loaded {
    std::optional<Delivery> delivery;
    std::optional<Trigger> trigger;
  };
  const auto loaded = db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    Loaded l;
    l.delivery = store::find_delivery(tx, target->tenant_id, target->id);
    if (l.delivery) l.trigger = store::find_trigger(tx, target->tenant_id, l.delivery->trigger_id);
    return l;
  });
  if (!loaded.delivery || loaded.delivery->status != "queued") return {};
  if (!loaded.trigger) {
    db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
      store::mark_failed(tx, target->tenant_id, target->id, "the trigger was deleted");
    });
    return {};
  }
  const Delivery& d = *loaded.delivery;
  const std::string msg_id = std::to_string(d.id);
  const std::int64_t timestamp = clock_.now_us() / microseconds_per_second;
  SendRequest request;
  request.url = loaded.trigger->url;
  request.body = d.payload;
  request.headers = {{"Content-Type", "application/json"},
                     {"webhook-id", msg_id},
                     {"webhook-timestamp", std::to_string(timestamp)},
                     {"webhook-signature", sign(loaded.trigger->secret, msg_id, timestamp, d.payload)}};
  const SendResult result = send(request);
  const bool final = job.attempt >= job.max_attempts;
  const std::int64_t now = clock_.now_us();
  std::optional<std::int64_t> next;
  if (!result.delivered && !final) next = now + jobs::retry_delay_ms(job.attempt, 0.5) * 1000;  // nominal
  const std::string status = result.delivered ? "delivered" : final ? "failed" : "queued";
  db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    store::record_attempt(tx, d.tenant_id, d.id, result, status, next,
                          result.delivered ? std::optional<std::int64_t>(now) : std::nullopt);
  });
  log::info(result.delivered ? "webhooks.delivered" : "webhooks.attempt_failed",
            {{"tenant_id", d.tenant_id},
             {"delivery_id", d.id},
             {"attempt", job.attempt},
             {"status_code", result.status_code.value_or(0)},
             {"error", result.error}});
  if (result.delivered) return {};
  return Error::unavailable(result.error);
}

}  // namespace rg::webhooks
