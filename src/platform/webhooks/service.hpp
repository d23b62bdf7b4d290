#pragma once
// Webhooks (PLT-08): per-tenant triggers (URL, event types, active flag, signing secret) and
// signed deliveries of domain events, following Standard Webhooks (webhook-id,
// webhook-timestamp, webhook-signature "v1,<base64 HMAC-SHA256>").
//
// Fan-out walks each tenant's `events` past a cursor, rather than enqueuing a job per published
// event: EventLog::publish stays a plain insert that needs no knowledge of webhooks, one pass
// batches many events, and the cursor makes a crashed or slow pass resume exactly where it
// stopped. It runs in the dispatcher (start_dispatcher(), started by `serve` and `worker`): a
// fan-out thread that checks for new events every fanout_poll_ms and hands each pass's
// deliveries to a send thread over a bounded queue (dispatch_queue_max batches), so the next
// pass overlaps the sending of the last and a fresh event waits neither for a job claim nor for
// a period. Several processes may run dispatchers: passes of one tenant are serialized by the
// cursor's row lock (SQLite: the write lock). The periodic job platform.webhooks.fanout is the
// fallback of a process without a dispatcher (it returns at once where one runs).
//
// Ids are drawn before a transaction commits, so an event with a smaller id can become visible
// after a larger one (on PostgreSQL with concurrent writers, and on SQLite between processes
// with different node ids). The cursor therefore only moves over events older than a settle
// window (5 s): everything at or below it is final. Waiting for the window before delivering
// made the event-to-delivery latency ≥ 5 s, so a pass also handles the fresh events after the
// cursor at once (fast path) and records each in webhook_fanned; the next passes skip recorded
// events, pick up any late-committed one (it is not recorded), and the rows are deleted when
// the cursor moves past them. A crash between passes loses nothing: the records commit with the
// deliveries they produced.
//
// Sending: the deliveries a fan-out pass creates get their first attempt in batches of up to
// send_batch_max, POSTed concurrently (curl multi, send_parallel_max at a time, connections kept
// alive across batches by the send thread's SendSession) with all outcomes recorded in one
// transaction of a few multi-row statements (db/bulk.hpp) — not three commits per delivery
// (claim, record, finish), which SQLite with synchronous=FULL cannot do thousands of times a
// second, nor several round trips per delivery, which is what limits PostgreSQL. The send job
// (platform.webhooks.send) enqueued in the pass's transaction is due only after the batch's
// lease and finds the attempts recorded, unless the process died, in which case it sends what is
// left. A delivery whose first attempt failed, or that the batch could not
// start within its window (one timeout), continues as its own job (platform.webhooks.deliver),
// as simulations and resends do from the start, with the job queue's exponential backoff;
// deliver_attempts_max attempts span about 24 h, after which the job dies and the on-dead hook
// marks the delivery failed. Job leases are bounded by the attempt timeout (one attempt: timeout
// + 10 s; a batch: 2 × timeout + 10 s), so after a crash mid-attempt the delivery is retried
// within seconds rather than after the queue's default lease: delivery is at least once (the
// receiver deduplicates by webhook-id). Every attempt is logged in webhook_attempts.
//
// Automatic disable: an endpoint whose attempts have all failed for disable_after_failing_us
// (5 days) with at least disable_failures_min (10) failed attempts in a row is deactivated
// (disabled_reason "endpoint_failing"), audited, announced with the event
// webhook.trigger.disabled, and its tenant's managers are e-mailed (on_disabled hook). Retries
// span only ~24 h, so such a trigger has had several events fail in a row; one success resets
// the streak. Queued deliveries of an inactive trigger fail at their next attempt, and
// inactive triggers get no new deliveries (fan-out, simulate and resend skip or refuse them).
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
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
inline constexpr const char* send_job_kind = "platform.webhooks.send";
inline constexpr std::size_t send_batch_max = 500;  // deliveries per send job
inline constexpr int send_parallel_max = 16;        // concurrent requests of one send job
inline constexpr int fanout_poll_ms = 20;           // how often the dispatcher looks for new events
inline constexpr int fanout_idle_polls = 5;         // empty checks before fan_out() leaves
inline constexpr std::size_t dispatch_queue_max = 4;  // batches waiting for the send thread
// The fallback periodic job (a process without a dispatcher).
inline constexpr std::int64_t fanout_period_ms = 1000;
// Backoff is 1 s·2^(n−1) capped at 1 h (jobs/service.cpp): 12 retries reach ~68 min, then 23
// hourly ones; 36 attempts span ≈ 24 h.
inline constexpr int deliver_attempts_max = 36;
inline constexpr int fanout_events_per_pass = 500;
inline constexpr std::size_t triggers_per_tenant_max = 50;
inline constexpr std::int64_t disable_after_failing_us = 5LL * 24 * 3600 * microseconds_per_second;
inline constexpr int disable_failures_min = 10;
inline constexpr const char* trigger_disabled_event = "webhook.trigger.disabled";

struct WebhookOptions {
  std::int64_t settle_us = 5 * microseconds_per_second;
  // Per attempt (connect + request + response). `serve --webhook-timeout-ms` lowers it for tests.
  long timeout_ms = total_timeout_ms;
  // The fan-out job sends a pass's first attempts itself, right after committing it (the send
  // job it enqueues then only covers a crash), and stays up to busy_ms while events keep
  // coming. Off (false, 0) every pass is handed to send jobs and fan_out() makes one round
  // (unit tests drive the steps one by one).
  bool inline_send = true;
  int busy_ms = 1000;
  // How often a pass looks for late-committed events behind the fast path (a scan of every event
  // after the cursor, which the settle window keeps at up to 5 s of events), and so how often the
  // cursor moves. Fresh events are handled on every pass whatever this is.
  int late_check_ms = 500;
  // Destinations allowed besides public addresses (`serve --webhook-allow-loopback`,
  // `--webhook-allow-private`).
  NetworkPolicy network;
};

// Runs in the transaction that deactivated `trigger` automatically (e.g. e-mail its managers).
using DisabledHook = std::function<Status(db::Transaction&, const Trigger& trigger)>;

// The variables of the "webhook_trigger_disabled" e-mail (all but the recipient's {{name}}).
std::map<std::string, std::string> disabled_notice_vars(const Trigger& trigger, const std::string& console_url);

// Adds the module's own event types (webhook.trigger.disabled) to the catalogue.
void register_webhook_events(events::EventCatalog& catalog);

// The job lease of one delivery attempt (its timeout plus a margin), and of a send batch.
std::int64_t deliver_lease_ms(long timeout_ms);
std::int64_t send_lease_ms(long timeout_ms);

struct TriggerInput {
  std::optional<std::string> url;
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> event_types;
  std::optional<bool> active;
};

// A trigger as the API shows it: never the secret.
std::string trigger_json(const Trigger& trigger);
std::string delivery_json(const Delivery& delivery, bool with_payload);
std::string attempts_json(const std::vector<Attempt>& attempts);

class WebhookService {
 public:
  WebhookService(db::Database& db, const Clock& clock, IdGenerator& ids, jobs::JobQueue& jobs,
                 audit::AuditLog& audit, const events::EventCatalog& catalog, WebhookOptions options = {});

  const events::EventCatalog& catalog() const { return catalog_; }

  std::vector<Trigger> list(std::int64_t tenant_id, const TriggerFilter& filter = {});
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
  std::vector<Attempt> attempts(std::int64_t tenant_id, Id delivery_id);

  void on_disabled(DisabledHook hook) { on_disabled_ = std::move(hook); }

  // One fan-out pass over every tenant with triggers; returns the deliveries created.
  int fan_out();
  // The delivery pipeline of `serve` and `worker` (see the top of this file). stop_dispatcher()
  // joins its threads; a batch not yet sent is left to its send job.
  void start_dispatcher();
  void stop_dispatcher();
  ~WebhookService();
  // The delivery job: one signed POST (simulations, resends, retries).
  Status deliver(const jobs::Job& job);
  // The send job: first attempts of the deliveries a fan-out pass created, concurrently.
  Status send_batch(const jobs::Job& job);

 private:
  Result<Delivery> queue_delivery(db::Transaction& tx, const Trigger& trigger, std::optional<Id> event_id,
                                  const std::string& event_type, bool is_test, std::string body,
                                  bool with_job = true);
  Status enqueue_deliver(db::Transaction& tx, std::int64_t tenant_id, Id delivery_id, std::int64_t run_at_us,
                         int max_attempts);
  Status enqueue_send(db::Transaction& tx, std::int64_t tenant_id, const std::vector<Id>& ids,
                      std::int64_t run_at_us);
  // Deliveries of one tenant due for their first attempt, with their triggers (none: deleted).
  struct SendBatch {
    std::int64_t tenant_id = 0;
    std::vector<Delivery> deliveries;
    std::map<Id, std::optional<Trigger>> triggers;
  };
  using BatchSink = std::function<void(SendBatch&&)>;
  class Dispatcher;
  void send_first_attempts(SendBatch batch, SendSession& session);
  int fan_out_round(const BatchSink& sink);
  int fan_out_tenant(std::int64_t tenant_id, const BatchSink& sink);
  int fan_out_pass(std::int64_t tenant_id, bool& full, const BatchSink& sink);
  SendRequest request_for(const Delivery& d, const Trigger& t, std::int64_t now_us) const;
  // Records an attempt's outcome and its effect on the trigger's health (may disable it).
  void settle(db::Transaction& tx, const Delivery& d, const SendRequest& request, const SendResult& result,
              std::int64_t started_us, std::int64_t now_us, bool final,
              std::optional<std::int64_t> next_attempt_at_us);
  // A trigger's health after an attempt (`streak_open`: whether a success must close a streak).
  void note_outcome(db::Transaction& tx, const Delivery& d, bool delivered, std::int64_t now_us, bool streak_open);
  Status validate(const Trigger& trigger) const;
  void disable(db::Transaction& tx, Trigger trigger);

  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  jobs::JobQueue& jobs_;
  audit::AuditLog& audit_;
  const events::EventCatalog& catalog_;
  WebhookOptions options_;
  events::EventLog events_;  // publishes webhook.trigger.disabled
  DisabledHook on_disabled_;
  std::unique_ptr<Dispatcher> dispatcher_;
  std::mutex late_mutex_;
  std::map<std::int64_t, std::chrono::steady_clock::time_point> late_checked_;  // per tenant
  bool late_check_due(std::int64_t tenant_id);
  void late_checked(std::int64_t tenant_id);
};

}  // namespace rg::webhooks
