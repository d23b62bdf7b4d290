#pragma once
// Webhooks (PLT-08): per-tenant triggers (URL, event types, active flag, signing secret) and
// signed deliveries of domain events, following Standard Webhooks (webhook-id,
// webhook-timestamp, webhook-signature "v1,<base64 HMAC-SHA256>").
//
// Fan-out is a periodic job (platform.webhooks.fanout, every second) that walks each tenant's
// `events` past a cursor, rather than a job enqueued per published event: EventLog::publish
// stays a plain insert that needs no knowledge of webhooks, one pass batches many events, and
// the cursor makes a crashed or slow pass resume exactly where it stopped. Events younger than
// a settle window (5 s by default) wait for the next pass: ids are drawn before a transaction
// commits, so on PostgreSQL an event with a smaller id can become visible after a larger one;
// the window keeps the cursor from skipping it.
//
// Each delivery is its own job (platform.webhooks.deliver) with the job queue's exponential
// backoff; deliver_attempts_max spans about 24 h, after which the job dies and the on-dead hook
// marks the delivery failed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "platform/audit/service.hpp"
#include "platform/events/service.hpp"
#include "platform/jobs/service.hpp"
#include "platform/webhooks/model.hpp"

namespace rg::webhooks {

inline constexpr const char* deliver_job_kind = "platform.webhooks.deliver";
inline constexpr const char* fanout_job_kind = "platform.webhooks.fanout";
inline constexpr std::int64_t fanout_period_ms = 1'000;
// Backoff is 1 s·2^(n−1) capped at 1 h (jobs/service.cpp): 12 retries reach ~68 min, then 23
// hourly ones; 36 attempts span ≈ 24 h.
inline constexpr int deliver_attempts_max = 36;
inline constexpr int fanout_events_per_pass = 500;
inline constexpr std::size_t triggers_per_tenant_max = 50;

struct WebhookOptions {
  std::int64_t settle_us = 5 * microseconds_per_second;
};

struct TriggerInput {
  std::optional<std::string> url;
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> event_types;
  std::optional<bool> active;
};

// A trigger as the API shows it: never the secret.
std::string trigger_json(const Trigger& trigger);
std::string delivery_json(const Delivery& delivery, bool with_payload);

class WebhookService {
 public:
  WebhookService(db::Database& db, const Clock& clock, IdGenerator& ids, jobs::JobQueue& jobs,
                 audit::AuditLog& audit, const events::EventCatalog& catalog, WebhookOptions options = {});

  const events::EventCatalog& catalog() const { return catalog_; }

  std::vector<Trigger> list(std::int64_t tenant_id);
  Result<Trigger> get(std::int64_t tenant_id, Id id);
  // The returned trigger carries the new secret (shown once).
  Result<Trigger> create(const audit::Entry& who, const TriggerInput& input);
  Result<Trigger> update(const audit::Entry& who, Id id, const TriggerInput& input);
  Status remove(const audit::Entry& who, Id id);
  // A new secret, effective for the next attempt; returned once.
  Result<Trigger> rotate_secret(const audit::Entry& who, Id id);
  // A test delivery of the catalogue's sample payload for `event_type`.
  Result<Delivery> simulate(const audit::Entry& who, Id trigger_id, const std::string& event_type);
  // A new delivery of the same body to the same trigger.
  Result<Delivery> resend(const audit::Entry& who, Id delivery_id);

  std::vector<Delivery> deliveries(std::int64_t tenant_id, const DeliveryFilter& filter);
  Result<Delivery> delivery(std::int64_t tenant_id, Id id);

  // One fan-out pass over every tenant with triggers; returns the deliveries created.
  int fan_out();
  // The delivery job: one signed POST.
  Status deliver(const jobs::Job& job);

 private:
  Result<Delivery> queue_delivery(db::Transaction& tx, const Trigger& trigger, std::optional<Id> event_id,
                                  const std::string& event_type, bool is_test, std::string body);
  int fan_out_tenant(std::int64_t tenant_id);
  Status validate(const Trigger& trigger) const;

  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  jobs::JobQueue& jobs_;
  audit::AuditLog& audit_;
  const events::EventCatalog& catalog_;
  WebhookOptions options_;
  events::EventLog events_;  // read-only use: after()
};

}  // namespace rg::webhooks
