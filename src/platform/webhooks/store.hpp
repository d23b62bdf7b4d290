#pragma once
// SQL for webhook_triggers, webhook_deliveries, webhook_attempts, webhook_cursors and
// webhook_fanned (portable, $1..$n).
#include <optional>
#include <vector>

#include "db/bulk.hpp"
#include "db/database.hpp"
#include "platform/events/service.hpp"
#include "platform/webhooks/model.hpp"

namespace rg::webhooks::store {

void insert_trigger(db::Transaction& tx, const Trigger& t);
void update_trigger(db::Transaction& tx, const Trigger& t);
// Soft delete (PLT-14): the row stays, inactive, out of every list and lookup.
void delete_trigger(db::Transaction& tx, std::int64_t tenant_id, Id id, std::optional<Id> by, std::int64_t now_us);
// Makes a deleted trigger live again, inactive; false when it was not deleted.
bool restore_trigger(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us);
std::optional<Trigger> find_trigger(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock = false);
std::vector<Trigger> list_triggers(db::Transaction& tx, std::int64_t tenant_id, bool active_only);
// The list's filters: active flag and tag in SQL, event type on the loaded rows (a tenant has at
// most triggers_per_tenant_max).
std::vector<Trigger> list_triggers(db::Transaction& tx, std::int64_t tenant_id, const TriggerFilter& f);

void insert_delivery(db::Transaction& tx, const Delivery& d);
// Many at once (multi-row INSERTs): a fan-out pass creates hundreds.
void insert_deliveries(db::Transaction& tx, const std::vector<Delivery>& deliveries);
std::optional<Delivery> find_delivery(db::Transaction& tx, std::int64_t tenant_id, Id id);
// The deliveries of `ids` that exist, in no particular order.
std::vector<Delivery> find_deliveries(db::Transaction& tx, std::int64_t tenant_id, const std::vector<Id>& ids);
std::vector<Delivery> list_deliveries(db::Transaction& tx, std::int64_t tenant_id, const DeliveryFilter& f);
// One attempt's outcome, to be recorded on its delivery and in webhook_attempts.
struct AttemptOutcome {
  const Delivery* delivery = nullptr;  // as read before the attempt (its attempt is attempts + 1)
  const SendResult* result = nullptr;
  std::int64_t attempted_at_us = 0;
  std::string status;  // the delivery's status after it: queued | delivered | failed
  std::optional<std::int64_t> next_attempt_at_us;
  std::optional<std::int64_t> delivered_at_us;
  std::int64_t webhook_timestamp = 0;  // the headers sent
  std::string signature;
};
// Updates each delivery that is still queued and appends its attempt to webhook_attempts, in a
// few multi-row statements whatever the number of outcomes (all of one tenant). A delivery no
// longer queued (another sender settled it) is left alone.
void record_attempts(db::Transaction& tx, std::int64_t tenant_id, const std::vector<AttemptOutcome>& outcomes);
std::vector<Attempt> list_attempts(db::Transaction& tx, std::int64_t tenant_id, Id delivery_id);
// Endpoint health: a success closes the failing streak; a failure extends it and returns the
// trigger as it now is (locked), none when it was deleted.
void note_success(db::Transaction& tx, std::int64_t tenant_id, Id trigger_id);
std::optional<Trigger> note_failure(db::Transaction& tx, std::int64_t tenant_id, Id trigger_id, std::int64_t now_us);
void mark_failed(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::string& error);

// Creates the tenant's cursor at its newest event when it has none.
void ensure_cursor(db::Transaction& tx, std::int64_t tenant_id, std::int64_t now_us);
std::vector<std::int64_t> cursor_tenants(db::Transaction& tx);
std::optional<Id> cursor(db::Transaction& tx, std::int64_t tenant_id);
std::optional<Id> lock_cursor(db::Transaction& tx, std::int64_t tenant_id);
void set_cursor(db::Transaction& tx, std::int64_t tenant_id, Id last_event_id, std::int64_t now_us);

// Events after `after_id` not yet handled by a fan-out pass, in id order (the late-commit check:
// its cost grows with the events after the cursor, so passes run it at most every
// late_check_ms), limited to ids < `below_id`.
std::vector<events::Event> unfanned_events(db::Transaction& tx, std::int64_t tenant_id, Id after_id, Id below_id,
                                           int limit);
// Events after `after_id`, in id order (the fast path: an index range).
std::vector<events::Event> events_after(db::Transaction& tx, std::int64_t tenant_id, Id after_id, int limit);
// The newest event a pass handled ahead of the cursor (`cursor` when none).
Id fanned_high(db::Transaction& tx, std::int64_t tenant_id, Id cursor);
// Where the cursor may move: the newest event id ≤ `at_most` below the first event that is
// still inside the settle window (occurred after `settled_before_us`); `cursor` when none.
Id settled_cursor(db::Transaction& tx, std::int64_t tenant_id, Id cursor, std::int64_t settled_before_us, Id at_most);
void mark_fanned(db::Transaction& tx, std::int64_t tenant_id, const std::vector<Id>& event_ids);
void prune_fanned(db::Transaction& tx, std::int64_t tenant_id, Id up_to);

}  // namespace rg::webhooks::store
