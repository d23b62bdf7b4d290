#include "platform/webhooks/service.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <deque>
#include <condition_variable>
#include <map>
#include <limits>
#include <set>
#include <thread>

#include "core/log.hpp"
#include "platform/deleted/service.hpp"
#include "platform/webhooks/record_types.hpp"
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

std::int64_t ms_between(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
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
                                      {"consecutive_failures", t.consecutive_failures},
                                      {"failing_since", iso(t.failing_since_us)},
                                      {"disabled_reason", opt(t.disabled_reason)},
                                      {"disabled_at", iso(t.disabled_at_us)},
                                      {"created_at", format_iso8601_utc_ms(t.created_at_us)},
                                      {"updated_at", format_iso8601_utc_ms(t.updated_at_us)}});
}

std::string attempts_json(const std::vector<Attempt>& attempts) {
  json::array out;
  for (const auto& a : attempts) {
    out.push_back(json::object{{"attempt", a.attempt_no},
                               {"attempted_at", format_iso8601_utc_ms(a.attempted_at_us)},
                               {"status_code", a.status_code ? json::value(*a.status_code) : json::value(nullptr)},
                               {"latency_ms", a.latency_ms},
                               {"response_excerpt", a.response_excerpt},
                               {"error", opt(a.error)},
                               {"webhook_timestamp", opt(a.webhook_timestamp)},
                               {"webhook_signature", opt(a.signature)}});
  }
  return json::serialize(out);
}

void register_webhook_events(events::EventCatalog& catalog) {
  catalog.add({trigger_disabled_event, "Gatilho desativado automaticamente", "Trigger disabled automatically",
               R"({"trigger_id":"1","url":"https://erp.example.com/hooks","reason":"endpoint_failing",)"
               R"("failing_since":"2026-01-01T00:00:00.000Z","failed_attempts":10})"});
}

std::map<std::string, std::string> disabled_notice_vars(const Trigger& t, const std::string& console_url) {
  const std::string since = format_iso8601_utc_ms(t.failing_since_us.value_or(t.updated_at_us));
  return {{"url", t.url},
          {"since", since.substr(0, 10) + " " + since.substr(11, 5) + " UTC"},
          {"attempts", std::to_string(t.consecutive_failures)},
          {"link", console_url + "/webhooks/triggers/" + std::to_string(t.id)}};
}

std::int64_t deliver_lease_ms(long timeout_ms) { return timeout_ms + 10'000; }
// Requests start within one timeout and each lasts at most one more.
std::int64_t send_lease_ms(long timeout_ms) { return 2 * timeout_ms + 10'000; }

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
      },
      deliver_lease_ms(options_.timeout_ms));
  jobs_.register_kind(
      send_job_kind, [this](const jobs::Job& job) { return send_batch(job); }, 3,
      // The batch could not run: each delivery it still holds gets a job of its own.
      [this](db::Transaction& tx, const jobs::Job& job, const std::string&) {
        boost::system::error_code ec;
        const auto doc = json::parse(job.payload, ec);
        const auto* ids = ec || !doc.is_object() ? nullptr : doc.as_object().if_contains("ids");
        if (!ids || !ids->is_array()) return;
        std::vector<Id> list;
        for (const auto& v : ids->as_array()) {
          if (v.is_string()) list.push_back(std::stoll(std::string(v.as_string())));
        }
        for (const auto& d : store::find_deliveries(tx, job.tenant_id, list)) {
          if (d.status == "queued" && d.attempts == 0) (void)enqueue_deliver(tx, job.tenant_id, d.id, 0, 0);
        }
      },
      send_lease_ms(options_.timeout_ms));
  // A crash during a pass must not hold the (single, periodic) fan-out job for the default lease.
  jobs_.register_periodic(
      fanout_job_kind, fanout_period_ms,
      [this](const jobs::Job&) -> Status {
        if (!dispatcher_) fan_out();
        return {};
      },
      options_.busy_ms + send_lease_ms(options_.timeout_ms));
}

Status WebhookService::validate(const Trigger& t) const {
  std::vector<FieldError> errors;
  std::string why;
  if (!valid_url(t.url, why, options_.network)) errors.push_back({"url", why});
  if (t.description.size() > 500) errors.push_back({"description", "At most 500 characters."});
  if (t.event_types.empty()) errors.push_back({"event_types", "Choose at least one event type."});
  for (const auto& type : t.event_types) {
    if (!catalog_.contains(type)) errors.push_back({"event_types", "Unknown event type '" + type + "'."});
  }
  if (errors.empty()) return {};
  return Error{ErrorCode::invalid, errors.front().message, std::move(errors)};
}

std::vector<Trigger> WebhookService::list(std::int64_t tenant_id, const TriggerFilter& filter) {
  return db_.transact(db::TxMode::read,
                      [&](db::Transaction& tx) { return store::list_triggers(tx, tenant_id, filter); });
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
    if (input.active && *input.active != t.active) {
      t.active = *input.active;
      t.disabled_reason.reset();
      t.disabled_at_us.reset();
      if (t.active) {  // a fresh start: the streak that may have disabled it is over
        t.consecutive_failures = 0;
        t.failing_since_us.reset();
      }
    }
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
    const std::int64_t now = clock_.now_us();
    store::delete_trigger(tx, who.tenant_id, id, who.actor_id, now);
    deleted::record_deletion(tx, ids_, now, who, record_type_trigger, id, current->url);  // PLT-14
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
                                                bool is_test, std::string body, bool with_job) {
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
  if (with_job) {
    if (auto job = enqueue_deliver(tx, d.tenant_id, d.id, 0, 0); !job) return job.error();
  }
  return d;
}

Status WebhookService::enqueue_deliver(db::Transaction& tx, std::int64_t tenant_id, Id delivery_id,
                                       std::int64_t run_at_us, int max_attempts) {
  const json::object payload{{"tenant_id", tenant_id}, {"id", std::to_string(delivery_id)}};
  auto job = jobs_.enqueue(
      tx, jobs::JobSpec{deliver_job_kind, json::serialize(payload), tenant_id, run_at_us, max_attempts, std::nullopt});
  if (!job) return job.error();
  return {};
}

Status WebhookService::enqueue_send(db::Transaction& tx, std::int64_t tenant_id, const std::vector<Id>& ids,
                                    std::int64_t run_at_us) {
  for (std::size_t at = 0; at < ids.size(); at += send_batch_max) {
    json::array chunk;
    for (std::size_t i = at; i < ids.size() && i < at + send_batch_max; ++i) chunk.emplace_back(std::to_string(ids[i]));
    const json::object payload{{"tenant_id", tenant_id}, {"ids", std::move(chunk)}};
    auto job =
        jobs_.enqueue(tx, jobs::JobSpec{send_job_kind, json::serialize(payload), tenant_id, run_at_us, 0, std::nullopt});
    if (!job) return job.error();
  }
  return {};
}

Result<Delivery> WebhookService::simulate(const audit::Entry& who, Id trigger_id, const std::string& event_type) {
  const auto* type = catalog_.find(event_type);
  if (!type) return Error::invalid("event_type", "Unknown event type '" + event_type + "'.");
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Delivery> {
    auto trigger = store::find_trigger(tx, who.tenant_id, trigger_id);
    if (!trigger) return Error::not_found("Trigger not found.");
    if (!trigger->active) return Error::conflict("The trigger is inactive; activate it first.");
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
    if (!trigger->active) return Error::conflict("The delivery's trigger is inactive; activate it first.");
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

std::vector<Attempt> WebhookService::attempts(std::int64_t tenant_id, Id delivery_id) {
  return db_.transact(db::TxMode::read,
                      [&](db::Transaction& tx) { return store::list_attempts(tx, tenant_id, delivery_id); });
}

int WebhookService::fan_out() {
  // With options_.busy_ms, it stays while events keep coming (checking every fanout_poll_ms)
  // and leaves after fanout_idle_polls empty checks, or after busy_ms, so that the job runner's
  // other jobs get their turn. Passes are sent at once (inline_send) or by their send jobs.
  std::optional<SendSession> session;
  const BatchSink inline_sink = [&](SendBatch&& batch) {
    if (!session) session.emplace(options_.network);
    send_first_attempts(std::move(batch), *session);
  };
  const BatchSink sink = options_.inline_send ? inline_sink : BatchSink{};
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.busy_ms);
  int created = 0;
  int idle = 0;
  for (;;) {
    const int round = fan_out_round(sink);
    created += round;
    idle = round > 0 ? 0 : idle + 1;
    if (idle > fanout_idle_polls || std::chrono::steady_clock::now() >= until) break;
    if (round == 0) std::this_thread::sleep_for(std::chrono::milliseconds(fanout_poll_ms));
  }
  return created;
}

int WebhookService::fan_out_round(const BatchSink& sink) {
  const auto tenants = db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::cursor_tenants(tx); });
  int created = 0;
  for (const auto tenant : tenants) {
    try {
      created += fan_out_tenant(tenant, sink);
    } catch (const std::exception& e) {
      log::error("webhooks.fanout_failed", {{"tenant_id", tenant}, {"error", e.what()}});
    }
  }
  return created;
}

int WebhookService::fan_out_tenant(std::int64_t tenant_id, const BatchSink& sink) {
  // Full passes follow each other at once (a burst drains without waiting for the next poll),
  // for at most about a second so that other tenants get their turn.
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(1000);
  int created = 0;
  bool full = true;
  while (full && std::chrono::steady_clock::now() < until) created += fan_out_pass(tenant_id, full, sink);
  return created;
}

int WebhookService::fan_out_pass(std::int64_t tenant_id, bool& full, const BatchSink& sink) {
  constexpr Id no_bound = std::numeric_limits<Id>::max();
  full = false;
  // A cheap read first: most passes find nothing new, and a write transaction would take
  // SQLite's single write lock every pass for every tenant.
  const std::int64_t settled_before = clock_.now_us() - options_.settle_us;
  const bool late_due = late_check_due(tenant_id);
  const bool pending = db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    const auto cursor = store::cursor(tx, tenant_id);
    if (!cursor) return false;
    const Id high = store::fanned_high(tx, tenant_id, *cursor);
    if (!store::events_after(tx, tenant_id, high, 1).empty()) return true;
    return late_due && (!store::unfanned_events(tx, tenant_id, *cursor, high + 1, 1).empty() ||
                        store::settled_cursor(tx, tenant_id, *cursor, settled_before, no_bound) != *cursor);
  });
  if (!pending) {
    if (late_due) late_checked(tenant_id);
    return 0;
  }
  const auto started = std::chrono::steady_clock::now();
  SendBatch batch;
  batch.tenant_id = tenant_id;
  std::size_t events_seen = 0;
  db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> int {
    batch.deliveries.clear();
    batch.triggers.clear();
    const auto cursor = store::lock_cursor(tx, tenant_id);
    if (!cursor) return 0;
    const auto triggers = store::list_triggers(tx, tenant_id, true);
    // Late-committed events behind the fast path (when the check is due), then fresh ones.
    const Id high = store::fanned_high(tx, tenant_id, *cursor);
    std::vector<events::Event> fresh;
    if (late_due) fresh = store::unfanned_events(tx, tenant_id, *cursor, high + 1, fanout_events_per_pass);
    if (static_cast<int>(fresh.size()) < fanout_events_per_pass) {
      for (auto& e : store::events_after(tx, tenant_id, high, fanout_events_per_pass - static_cast<int>(fresh.size()))) {
        fresh.push_back(std::move(e));
      }
    }
    events_seen = fresh.size();
    const std::int64_t now = clock_.now_us();
    for (const auto& event : fresh) {
      for (const auto& trigger : triggers) {
        // Ids are time-ordered: a trigger gets only events published after it was created.
        if (trigger.id >= event.id || !matches(trigger, event.type)) continue;
        Delivery d;
        d.tenant_id = tenant_id;
        d.id = ids_.next();
        d.trigger_id = trigger.id;
        d.event_id = event.id;
        d.event_type = event.type;
        d.payload = body_for(event.type, event.occurred_at_us, event.payload, false);
        d.status = "queued";
        d.created_at_us = now;
        d.next_attempt_at_us = now;
        batch.deliveries.push_back(std::move(d));
        batch.triggers.emplace(trigger.id, trigger);
      }
    }
    store::insert_deliveries(tx, batch.deliveries);
    std::vector<Id> created;
    created.reserve(batch.deliveries.size());
    for (const auto& d : batch.deliveries) created.push_back(d.id);
    // With a sink (dispatcher, inline sending) the job is the safety net of a crash: it runs once
    // the attempts would be over, and finds them recorded.
    const std::int64_t run_at = sink ? now + send_lease_ms(options_.timeout_ms) * 1000 : 0;
    if (auto queued = enqueue_send(tx, tenant_id, created, run_at); !queued) {
      throw std::runtime_error(queued.error().detail);
    }
    // The cursor moves only in a pass that looked for late events (everything it passes over
    // was then handled), and a full batch may leave unhandled events after its last one: it
    // stops there.
    full = static_cast<int>(fresh.size()) == fanout_events_per_pass;
    Id next = *cursor;
    if (late_due) {
      const Id at_most = full ? fresh.back().id : no_bound;
      next = store::settled_cursor(tx, tenant_id, *cursor, settled_before, at_most);
    }
    std::vector<Id> ahead;
    for (const auto& event : fresh) {
      if (event.id > next) ahead.push_back(event.id);
    }
    store::mark_fanned(tx, tenant_id, ahead);
    if (next != *cursor) {
      store::set_cursor(tx, tenant_id, next, now);
      store::prune_fanned(tx, tenant_id, next);
    }
    return 0;
  });
  if (late_due) late_checked(tenant_id);
  const int created = static_cast<int>(batch.deliveries.size());
  if (events_seen > 0) {
    log::info("webhooks.fanout_pass", {{"tenant_id", tenant_id},
                                       {"events", static_cast<std::int64_t>(events_seen)},
                                       {"deliveries", created},
                                       {"ms", ms_between(started, std::chrono::steady_clock::now())}});
  }
  if (sink && created > 0) {
    for (std::size_t at = 0; at < batch.deliveries.size(); at += send_batch_max) {
      const std::size_t end = std::min(batch.deliveries.size(), at + send_batch_max);
      SendBatch part;
      part.tenant_id = tenant_id;
      part.triggers = batch.triggers;
      part.deliveries.assign(std::make_move_iterator(batch.deliveries.begin() + static_cast<std::ptrdiff_t>(at)),
                             std::make_move_iterator(batch.deliveries.begin() + static_cast<std::ptrdiff_t>(end)));
      sink(std::move(part));
    }
  }
  return created;
}

bool WebhookService::late_check_due(std::int64_t tenant_id) {
  std::lock_guard lock(late_mutex_);
  const auto it = late_checked_.find(tenant_id);
  return it == late_checked_.end() ||
         std::chrono::steady_clock::now() - it->second >= std::chrono::milliseconds(options_.late_check_ms);
}

void WebhookService::late_checked(std::int64_t tenant_id) {
  std::lock_guard lock(late_mutex_);
  late_checked_[tenant_id] = std::chrono::steady_clock::now();
}

// The dispatcher's two threads and the bounded queue between them.
class WebhookService::Dispatcher {
 public:
  explicit Dispatcher(WebhookService& service) : service_(service) {
    fan_out_ = std::thread([this] { fan_out_loop(); });
    send_ = std::thread([this] { send_loop(); });
  }
  ~Dispatcher() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    fan_out_.join();
    send_.join();
  }

 private:
  void fan_out_loop() {
    const BatchSink sink = [this](SendBatch&& batch) {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return stopping_ || queue_.size() < dispatch_queue_max; });
      if (stopping_) return;  // its send job delivers it
      queue_.push_back(std::move(batch));
      changed_.notify_all();
    };
    while (!stopped()) {
      int created = 0;
      try {
        created = service_.fan_out_round(sink);
      } catch (const std::exception& e) {
        log::error("webhooks.fanout_failed", {{"error", e.what()}});
      }
      if (created > 0) continue;
      std::unique_lock lock(mutex_);
      changed_.wait_for(lock, std::chrono::milliseconds(fanout_poll_ms), [this] { return stopping_; });
    }
  }

  void send_loop() {
    SendSession session(service_.options_.network);
    for (;;) {
      SendBatch batch;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        batch = std::move(queue_.front());
        queue_.pop_front();
        changed_.notify_all();
      }
      try {
        service_.send_first_attempts(std::move(batch), session);
      } catch (const std::exception& e) {
        log::error("webhooks.send_failed", {{"error", e.what()}});
      }
    }
  }

  bool stopped() {
    std::lock_guard lock(mutex_);
    return stopping_;
  }

  WebhookService& service_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<SendBatch> queue_;
  bool stopping_ = false;
  std::thread fan_out_;
  std::thread send_;
};

void WebhookService::start_dispatcher() {
  if (!dispatcher_) dispatcher_ = std::make_unique<Dispatcher>(*this);
}

void WebhookService::stop_dispatcher() { dispatcher_.reset(); }

WebhookService::~WebhookService() { stop_dispatcher(); }

void WebhookService::disable(db::Transaction& tx, Trigger t) {
  const std::string before = trigger_json(t);
  const std::int64_t now = clock_.now_us();
  t.active = false;
  t.disabled_reason = disabled_reason_failing;
  t.disabled_at_us = now;
  t.updated_at_us = now;
  store::update_trigger(tx, t);
  audit::Entry who;
  who.tenant_id = t.tenant_id;
  who.actor_type = "system";
  who.actor_name = "webhooks";
  const std::string id = std::to_string(t.id);
  audit_.record(tx, who, "webhook_trigger.disabled", "webhook_trigger", id, before, trigger_json(t));
  const json::object payload{{"trigger_id", id},
                             {"url", t.url},
                             {"reason", disabled_reason_failing},
                             {"failing_since", iso(t.failing_since_us)},
                             {"failed_attempts", t.consecutive_failures}};
  events_.publish(tx, t.tenant_id, trigger_disabled_event, "webhook_trigger", id, json::serialize(payload));
  if (on_disabled_) {
    if (auto notified = on_disabled_(tx, t); !notified) {
      log::error("webhooks.disable_notice_failed", {{"tenant_id", t.tenant_id}, {"error", notified.error().detail}});
    }
  }
  log::warn("webhooks.trigger_disabled",
            {{"tenant_id", t.tenant_id}, {"trigger_id", t.id}, {"failed_attempts", t.consecutive_failures}});
}

SendRequest WebhookService::request_for(const Delivery& d, const Trigger& t, std::int64_t now_us) const {
  const std::string msg_id = std::to_string(d.id);
  const std::int64_t timestamp = now_us / microseconds_per_second;
  SendRequest request;
  request.url = t.url;
  request.body = d.payload;
  request.headers = {{"Content-Type", "application/json"},
                     {"webhook-id", msg_id},
                     {"webhook-timestamp", std::to_string(timestamp)},
                     {"webhook-signature", sign(t.secret, msg_id, timestamp, d.payload)}};
  return request;
}

namespace {

// The headers request_for() set: what the attempt log keeps of what was sent.
store::AttemptOutcome outcome_of(const Delivery& d, const SendRequest& request, const SendResult& result,
                                 std::int64_t started_us) {
  store::AttemptOutcome o;
  o.delivery = &d;
  o.result = &result;
  o.attempted_at_us = started_us;
  for (const auto& [name, value] : request.headers) {
    if (name == "webhook-timestamp") o.webhook_timestamp = std::stoll(value);
    if (name == "webhook-signature") o.signature = value;
  }
  return o;
}

}  // namespace

void WebhookService::settle(db::Transaction& tx, const Delivery& d, const SendRequest& request,
                            const SendResult& result, std::int64_t started_us, std::int64_t now_us, bool final,
                            std::optional<std::int64_t> next_attempt_at_us) {
  auto o = outcome_of(d, request, result, started_us);
  o.status = result.delivered ? "delivered" : final ? "failed" : "queued";
  o.next_attempt_at_us = next_attempt_at_us;
  if (result.delivered) o.delivered_at_us = now_us;
  store::record_attempts(tx, d.tenant_id, {o});
  note_outcome(tx, d, result.delivered, now_us, true);
}

void WebhookService::note_outcome(db::Transaction& tx, const Delivery& d, bool delivered, std::int64_t now_us,
                                  bool streak_open) {
  if (delivered) {
    if (streak_open) store::note_success(tx, d.tenant_id, d.trigger_id);
    return;
  }
  const auto t = store::note_failure(tx, d.tenant_id, d.trigger_id, now_us);
  if (t && t->active && t->consecutive_failures >= disable_failures_min && t->failing_since_us &&
      *t->failing_since_us <= now_us - disable_after_failing_us) {
    disable(tx, *t);
  }
}

Status WebhookService::send_batch(const jobs::Job& job) {
  boost::system::error_code ec;
  const auto doc = json::parse(job.payload, ec);
  const auto* object = ec ? nullptr : doc.if_object();
  const auto* tenant = object ? object->if_contains("tenant_id") : nullptr;
  const auto* list = object ? object->if_contains("ids") : nullptr;
  if (!tenant || !tenant->is_int64() || !list || !list->is_array()) {
    return Error::invalid("payload", "webhook send payload needs tenant_id and ids");
  }
  SendBatch batch;
  batch.tenant_id = tenant->as_int64();
  std::vector<Id> ids;
  for (const auto& v : list->as_array()) {
    if (v.is_string()) ids.push_back(std::stoll(std::string(v.as_string())));
  }
  // Only first attempts not made yet: a batch run again after a crash (or after the dispatcher
  // sent it) skips what is recorded.
  db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    batch.deliveries.clear();
    batch.triggers.clear();
    for (auto& d : store::find_deliveries(tx, batch.tenant_id, ids)) {
      if (d.status != "queued" || d.attempts != 0) continue;
      if (!batch.triggers.contains(d.trigger_id)) {
        batch.triggers.emplace(d.trigger_id, store::find_trigger(tx, batch.tenant_id, d.trigger_id));
      }
      batch.deliveries.push_back(std::move(d));
    }
  });
  if (batch.deliveries.empty()) return {};
  SendSession session(options_.network);
  send_first_attempts(std::move(batch), session);
  return {};
}

void WebhookService::send_first_attempts(SendBatch batch, SendSession& session) {
  const std::int64_t tenant_id = batch.tenant_id;
  const auto& items = batch.deliveries;
  const auto trigger_of = [&](const Delivery& d) -> const std::optional<Trigger>& {
    static const std::optional<Trigger> none;
    const auto it = batch.triggers.find(d.trigger_id);
    return it == batch.triggers.end() ? none : it->second;
  };
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<SendRequest> requests;
  std::vector<std::size_t> sent;  // index into items of each request
  const std::int64_t started = clock_.now_us();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& trigger = trigger_of(items[i]);
    if (!trigger || !trigger->active) continue;
    requests.push_back(request_for(items[i], *trigger, started));
    sent.push_back(i);
  }
  const auto results = session.send_all(requests, options_.timeout_ms, send_parallel_max, options_.timeout_ms);
  const auto t1 = std::chrono::steady_clock::now();
  const std::int64_t now = clock_.now_us();
  const std::int64_t retry_at = now + jobs::retry_delay_ms(1, 0.5) * 1000;
  int delivered = 0;
  db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    delivered = 0;
    std::vector<bool> done(items.size(), false);
    std::vector<store::AttemptOutcome> outcomes;
    outcomes.reserve(sent.size());
    for (std::size_t k = 0; k < sent.size(); ++k) {
      const Delivery& d = items[sent[k]];
      done[sent[k]] = true;
      if (!results[k]) {  // not started within the batch's window: a job of its own, due now
        if (auto s = enqueue_deliver(tx, tenant_id, d.id, 0, 0); !s) throw std::runtime_error(s.error().detail);
        continue;
      }
      auto o = outcome_of(d, requests[k], *results[k], started);
      if (results[k]->delivered) {
        ++delivered;
        o.status = "delivered";
        o.delivered_at_us = now;
      } else {
        // Retries continue as a job of its own: attempt 1 was this one.
        o.status = "queued";
        o.next_attempt_at_us = retry_at;
        if (auto s = enqueue_deliver(tx, tenant_id, d.id, retry_at, deliver_attempts_max - 1); !s) {
          throw std::runtime_error(s.error().detail);
        }
      }
      outcomes.push_back(std::move(o));
    }
    store::record_attempts(tx, tenant_id, outcomes);
    // Endpoint health, in the order of the attempts. A success needs no write on a trigger
    // whose streak is closed (the usual case).
    std::map<Id, bool> streak_open;
    for (const auto& [id, trigger] : batch.triggers) {
      if (trigger) streak_open[id] = trigger->consecutive_failures > 0 || trigger->failing_since_us;
    }
    for (const auto& o : outcomes) {
      bool& open = streak_open[o.delivery->trigger_id];
      const bool was_open = open;
      open = !o.result->delivered;
      note_outcome(tx, *o.delivery, o.result->delivered, now, was_open);
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (done[i]) continue;
      store::mark_failed(tx, tenant_id, items[i].id,
                         trigger_of(items[i]) ? "the trigger is inactive" : "the trigger was deleted");
    }
  });
  log::info("webhooks.batch_sent", {{"tenant_id", tenant_id},
                                     {"deliveries", static_cast<std::int64_t>(requests.size())},
                                     {"delivered", delivered},
                                     {"send_ms", ms_between(t0, t1)},
                                     {"record_ms", ms_between(t1, std::chrono::steady_clock::now())}});
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
  if (!loaded.trigger->active) {
    db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
      store::mark_failed(tx, target->tenant_id, target->id, "the trigger is inactive");
    });
    return {};
  }
  const Delivery& d = *loaded.delivery;
  const std::int64_t started = clock_.now_us();
  const SendRequest request = request_for(d, *loaded.trigger, started);
  const SendResult result = send(request, options_.timeout_ms, options_.network);
  const bool final = job.attempt >= job.max_attempts;
  const std::int64_t now = clock_.now_us();
  std::optional<std::int64_t> next;
  if (!result.delivered && !final) next = now + jobs::retry_delay_ms(job.attempt, 0.5) * 1000;  // nominal
  db_.transact(db::TxMode::write, [&](db::Transaction& tx) { settle(tx, d, request, result, started, now, final, next); });
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
