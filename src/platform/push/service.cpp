#include "platform/push/service.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "core/hash.hpp"
#include "platform/push/store.hpp"

namespace rg::push {

namespace json = boost::json;

namespace {

json::value opt(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value iso(const std::optional<std::int64_t>& us) {
  return us ? json::value(format_iso8601_utc(*us)) : json::value(nullptr);
}

struct Target {
  std::int64_t tenant_id = 0;
  Id id = 0;
};

std::string job_payload(std::int64_t tenant_id, Id id) {
  return json::serialize(json::object{{"tenant_id", tenant_id}, {"id", std::to_string(id)}});
}

std::optional<Target> parse_target(const std::string& payload) {
  boost::system::error_code ec;
  const auto doc = json::parse(payload, ec);
  const auto* o = ec ? nullptr : doc.if_object();
  const auto* tenant = o ? o->if_contains("tenant_id") : nullptr;
  const auto* id = o ? o->if_contains("id") : nullptr;
  if (!tenant || !tenant->is_int64() || !id || !id->is_string()) return std::nullopt;
  auto parsed = messages::parse_id(std::string(id->as_string()));
  if (!parsed) return std::nullopt;
  return Target{tenant->as_int64(), *parsed};
}

std::string hint_of(const std::string& token) {
  return token.size() <= 4 ? std::string("…") : "…" + token.substr(token.size() - 4);
}

bool valid_customer_ref(const std::string& ref) {
  return !ref.empty() && ref.size() <= customer_ref_length_max &&
         std::all_of(ref.begin(), ref.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' ||
                  c == '.' || c == ':';
         });
}

// Marks every delivery still queued as failed, and the notification failed unless one was sent.
void settle_failed(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::string& error, std::int64_t now) {
  auto n = store::find_notification(tx, tenant_id, id, true);
  if (!n || n->status != "queued") return;
  bool any_sent = false;
  for (auto d : store::deliveries(tx, tenant_id, id)) {
    if (d.status == "queued") {
      d.status = "failed";
      d.error = error;
      store::update_delivery(tx, tenant_id, id, d, now);
    }
    any_sent = any_sent || d.status == "sent";
  }
  n->status = any_sent ? "sent" : "failed";
  n->last_error = error;
  if (any_sent) n->sent_at_us = now;
  store::update_notification(tx, *n);
}

const char* device_status_for(Outcome o) { return o == Outcome::unregistered ? "unregistered" : "invalid"; }

}  // namespace

std::string device_json(const Device& d) {
  return json::serialize(json::object{{"id", std::to_string(d.id)},
                                      {"customer_ref", d.customer_ref},
                                      {"platform", d.platform},
                                      {"token_hint", d.token_hint},
                                      {"status", d.status},
                                      {"last_error", opt(d.last_error)},
                                      {"created_at", format_iso8601_utc(d.created_at_us)},
                                      {"updated_at", format_iso8601_utc(d.updated_at_us)}});
}

std::string notification_json(const Notification& n, const std::vector<Delivery>* deliveries) {
  json::value data = nullptr;
  if (n.data) data = json::parse(*n.data);
  json::object o{{"id", std::to_string(n.id)},
                 {"customer_ref", n.customer_ref},
                 {"title", n.title},
                 {"body", n.body},
                 {"data", data},
                 {"status", n.status},
                 {"attempts", n.attempts},
                 {"last_error", opt(n.last_error)},
                 {"created_by_name", n.created_by_name},
                 {"created_at", format_iso8601_utc(n.created_at_us)},
                 {"sent_at", iso(n.sent_at_us)},
                 {"delivered_at", iso(n.delivered_at_us)}};
  if (deliveries) {
    json::array items;
    for (const auto& d : *deliveries) {
      items.push_back(json::object{
          {"device_id", std::to_string(d.device_id)},
          {"platform", d.platform},
          {"token_hint", d.token_hint},
          {"status", d.status},
          {"gateway_message_id", d.gateway_message_id ? json::value(std::to_string(*d.gateway_message_id)) : nullptr},
          {"error", opt(d.error)},
          {"attempts", d.attempts}});
    }
    o["deliveries"] = std::move(items);
  }
  return json::serialize(o);
}

std::string gateway_message_json(const GatewayMessage& m) {
  json::value data = nullptr;
  if (m.data) data = json::parse(*m.data);
  return json::serialize(json::object{{"id", std::to_string(m.id)},
                                      {"notification_id", m.collapse_id},
                                      {"platform", m.platform},
                                      {"token_hint", m.token_hint},
                                      {"title", m.title},
                                      {"body", m.body},
                                      {"data", data},
                                      {"outcome", m.outcome},
                                      {"received_at", format_iso8601_utc(m.received_at_us)},
                                      {"delivered_at", iso(m.delivered_at_us)}});
}

PushService::PushService(db::Database& db, const Clock& clock, IdGenerator& ids, jobs::JobQueue& jobs,
                         audit::AuditLog& audit, messages::MessageService& resources, PushGateway& gateway)
    : db_(db), clock_(clock), ids_(ids), jobs_(jobs), audit_(audit), resources_(resources), gateway_(gateway) {
  jobs_.register_kind(
      deliver_job_kind, [this](const jobs::Job& job) { return deliver(job); }, deliver_attempts_max,
      // Also when a worker died during the last attempt: nothing may stay "queued".
      [this](db::Transaction& tx, const jobs::Job& job, const std::string& error) {
        if (auto t = parse_target(job.payload)) settle_failed(tx, t->tenant_id, t->id, error, clock_.now_us());
      });
  jobs_.register_kind(
      receipts_job_kind, [this](const jobs::Job& job) { return collect_receipts(job); }, receipts_attempts_max);
}

Result<Device> PushService::register_device(const audit::Entry& who, const std::string& customer_ref,
                                            const std::string& platform, const std::string& token) {
  std::vector<FieldError> errors;
  if (!valid_customer_ref(customer_ref)) {
    errors.push_back({"customer_ref", "1 to 100 letters, digits or . _ : -"});
  }
  if (platform != "android" && platform != "ios") errors.push_back({"platform", "Use android or ios."});
  if (token.size() < 8 || token.size() > token_length_max ||
      std::any_of(token.begin(), token.end(), [](unsigned char c) { return c <= ' ' || c >= 0x7f; })) {
    errors.push_back({"token", "8 to 4096 printable characters without spaces."});
  }
  if (!errors.empty()) return Error{ErrorCode::invalid, errors.front().message, std::move(errors)};
  const std::string token_hash = sha256_hex(token);
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Device> {
    const std::int64_t now = clock_.now_us();
    if (store::active_devices(tx, who.tenant_id, customer_ref).size() >= devices_per_customer_max) {
      return Error{ErrorCode::conflict, "This customer has too many devices; remove one first.",
                   {{"customer_ref", "At most 20 active devices per customer."}}};
    }
    Device d;
    if (auto existing = store::find_device_by_hash(tx, who.tenant_id, token_hash)) {
      // The same app installation again (or handed to another customer): one row per token.
      store::reactivate_device(tx, who.tenant_id, existing->id, customer_ref, platform, now);
      d = *store::find_device(tx, who.tenant_id, existing->id);
    } else {
      d = Device{who.tenant_id, ids_.next(), customer_ref, platform, token, hint_of(token), "active", {}, now, now};
      store::insert_device(tx, d, token_hash);
    }
    audit_.record(tx, who, "push.device_registered", "push_device", std::to_string(d.id), "", device_json(d));
    return d;
  });
}

Status PushService::remove_device(const audit::Entry& who, Id id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto d = store::find_device(tx, who.tenant_id, id);
    if (!d || d->status == "removed") return Error::not_found("Device not found.");
    store::set_device_status(tx, who.tenant_id, id, "removed", std::nullopt, clock_.now_us());
    audit_.record(tx, who, "push.device_removed", "push_device", std::to_string(id), device_json(*d));
    return {};
  });
}

std::vector<Device> PushService::devices(std::int64_t tenant_id, const DeviceFilter& filter) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::list_devices(tx, tenant_id, filter); });
}

Result<Notification> PushService::send(const audit::Entry& who, const NotificationInput& in) {
  std::vector<FieldError> errors;
  if (!valid_customer_ref(in.customer_ref)) errors.push_back({"customer_ref", "1 to 100 letters, digits or . _ : -"});
  if (in.title.empty() || in.title.size() > title_length_max * 4) errors.push_back({"title", "1 to 100 characters."});
  if (in.body.empty() || in.body.size() > body_length_max * 4) errors.push_back({"body", "1 to 1000 characters."});
  if (in.data && in.data->size() > data_bytes_max) errors.push_back({"data", "At most 2000 bytes."});
  if (!errors.empty()) return Error{ErrorCode::invalid, errors.front().message, std::move(errors)};
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Notification> {
    if (!resources_.resource_enabled(tx, who.tenant_id, messages::resource_messaging)) {
      return Error{ErrorCode::conflict,
                   "The institution's messaging resource is disabled; a platform administrator can enable it.",
                   {{"resource", "messaging is disabled for this institution.", "resource_disabled"}}};
    }
    const auto devices = store::active_devices(tx, who.tenant_id, in.customer_ref);
    if (devices.empty()) {
      return Error::invalid("customer_ref", "This customer has no active device registered.");
    }
    const std::int64_t now = clock_.now_us();
    Notification n;
    n.tenant_id = who.tenant_id;
    n.id = ids_.next();
    n.customer_ref = in.customer_ref;
    n.title = in.title;
    n.body = in.body;
    n.data = in.data;
    n.created_by = who.actor_id;
    n.created_by_name = who.actor_name;
    n.created_at_us = now;
    store::insert_notification(tx, n);
    for (const auto& d : devices) store::insert_delivery(tx, n.tenant_id, n.id, d.id, now);
    auto job = jobs_.enqueue(tx, jobs::JobSpec{deliver_job_kind, job_payload(n.tenant_id, n.id), n.tenant_id, 0, 0, {}});
    if (!job) return job.error();
    audit_.record(tx, who, "push.sent", "push_notification", std::to_string(n.id), "", notification_json(n, nullptr));
    return n;
  });
}

std::vector<Notification> PushService::notifications(std::int64_t tenant_id, const NotificationFilter& filter) {
  return db_.transact(db::TxMode::read,
                      [&](db::Transaction& tx) { return store::list_notifications(tx, tenant_id, filter); });
}

Result<std::pair<Notification, std::vector<Delivery>>> PushService::notification(std::int64_t tenant_id, Id id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) -> Result<std::pair<Notification, std::vector<Delivery>>> {
    auto n = store::find_notification(tx, tenant_id, id);
    if (!n) return Error::not_found("Notification not found.");
    return std::pair{*n, store::deliveries(tx, tenant_id, id)};
  });
}

Status PushService::deliver(const jobs::Job& job) {
  const auto target = parse_target(job.payload);
  if (!target) return {};  // nothing this job could ever do
  struct Pending {
    Delivery delivery;
    Device device;
  };
  std::optional<Notification> n;
  std::vector<Pending> pending;
  db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    n = store::find_notification(tx, target->tenant_id, target->id);
    if (!n || n->status != "queued") return;
    for (const auto& d : store::deliveries(tx, target->tenant_id, target->id)) {
      if (d.status != "queued") continue;
      if (auto device = store::find_device(tx, target->tenant_id, d.device_id)) pending.push_back({d, *device});
    }
  });
  if (!n || n->status != "queued") return {};

  // The gateway is another system: call it outside our transactions, then record the outcomes.
  std::vector<std::pair<Pending, GatewayResult>> results;
  for (auto& p : pending) {
    if (p.device.status != "active") {
      results.push_back({p, GatewayResult{Outcome::invalid_token, std::nullopt}});
      continue;
    }
    results.push_back({p, gateway_.send({target->tenant_id, std::to_string(n->id), p.device.platform, p.device.token,
                                         n->title, n->body, n->data})});
  }
  bool retry = false;
  db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    const std::int64_t now = clock_.now_us();
    for (auto& [p, result] : results) {
      Delivery d = p.delivery;
      d.attempts += 1;
      switch (result.outcome) {
        case Outcome::accepted:
          d.status = "sent";
          d.gateway_message_id = result.message_id;
          d.error.reset();
          break;
        case Outcome::unavailable:
          d.error = "unavailable";
          retry = true;
          break;
        case Outcome::invalid_token:
        case Outcome::unregistered:
          d.status = "failed";
          d.error = p.device.status != "active" ? "device " + p.device.status : outcome_name(result.outcome);
          if (p.device.status == "active") {
            store::set_device_status(tx, target->tenant_id, p.device.id, device_status_for(result.outcome),
                                     std::string(outcome_name(result.outcome)), now);
          }
          break;
        case Outcome::payload_too_large:
          d.status = "failed";
          d.error = outcome_name(result.outcome);
          break;
      }
      store::update_delivery(tx, target->tenant_id, n->id, d, now);
    }
    auto current = store::find_notification(tx, target->tenant_id, n->id, true);
    if (!current || current->status != "queued") return;
    current->attempts = job.attempt;
    const auto all = store::deliveries(tx, target->tenant_id, n->id);
    const bool any_sent = std::any_of(all.begin(), all.end(), [](const Delivery& d) { return d.status == "sent"; });
    if (retry) {
      current->last_error = "Push gateway unavailable; retrying.";
    } else {
      current->status = any_sent ? "sent" : "failed";
      current->last_error.reset();
      if (any_sent) {
        current->sent_at_us = now;
        auto job_id = jobs_.enqueue(tx, jobs::JobSpec{receipts_job_kind, job_payload(target->tenant_id, n->id),
                                                      target->tenant_id, 0, 0, {}});
        if (!job_id) throw std::runtime_error(job_id.error().detail);
      } else {
        for (const auto& d : all) {
          if (d.error) current->last_error = *d.error;
        }
      }
    }
    store::update_notification(tx, *current);
  });
  if (retry) return Error::unavailable("Push gateway unavailable.");
  return {};
}

Status PushService::collect_receipts(const jobs::Job& job) {
  const auto target = parse_target(job.payload);
  if (!target) return {};
  std::vector<Delivery> sent;
  db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    for (const auto& d : store::deliveries(tx, target->tenant_id, target->id)) {
      if (d.status == "sent" && d.gateway_message_id) sent.push_back(d);
    }
  });
  std::vector<std::pair<Delivery, std::int64_t>> confirmed;
  for (const auto& d : sent) {
    if (auto at = gateway_.delivered_at(target->tenant_id, *d.gateway_message_id)) confirmed.push_back({d, *at});
  }
  const bool waiting = confirmed.size() < sent.size();
  db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    const std::int64_t now = clock_.now_us();
    std::optional<std::int64_t> first;
    for (auto& [d, at] : confirmed) {
      d.status = "delivered";
      store::update_delivery(tx, target->tenant_id, target->id, d, now);
      first = first ? std::min(*first, at) : at;
    }
    auto n = store::find_notification(tx, target->tenant_id, target->id, true);
    if (n && first && n->status == "sent") {
      n->status = "delivered";
      n->delivered_at_us = *first;
      store::update_notification(tx, *n);
    }
  });
  if (waiting) return Error::unavailable("Waiting for delivery receipts.");
  return {};
}

}  // namespace rg::push
