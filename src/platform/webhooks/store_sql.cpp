#include <algorithm>
#include <set>
#include <sstream>

#include "db/where.hpp"
#include "platform/tags/model.hpp"
#include "platform/webhooks/record_types.hpp"
#include "platform/webhooks/store.hpp"

namespace rg::webhooks::store {

namespace {

constexpr const char* trigger_columns =
    "tenant_id, id, url, description, event_types, active, secret, created_at_us, updated_at_us,"
    " consecutive_failures, failing_since_us, disabled_reason, disabled_at_us";
constexpr const char* delivery_columns =
    "tenant_id, id, trigger_id, event_id, event_type, is_test, payload, status, attempts, last_status_code,"
    " last_latency_ms, last_response_excerpt, last_error, next_attempt_at_us, created_at_us, delivered_at_us";

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string item; in >> item;) out.push_back(item);
  return out;
}

Trigger trigger_from(const db::Row& r) {
  Trigger t;
  t.tenant_id = r.integer(0);
  t.id = r.integer(1);
  t.url = r.text(2);
  t.description = r.text(3);
  t.event_types = split(r.text(4));
  t.active = r.integer(5) != 0;
  t.secret = r.text(6);
  t.created_at_us = r.integer(7);
  t.updated_at_us = r.integer(8);
  t.consecutive_failures = static_cast<int>(r.integer(9));
  t.failing_since_us = r.integer_or_null(10);
  t.disabled_reason = r.text_or_null(11);
  t.disabled_at_us = r.integer_or_null(12);
  return t;
}

Delivery delivery_from(const db::Row& r) {
  Delivery d;
  d.tenant_id = r.integer(0);
  d.id = r.integer(1);
  d.trigger_id = r.integer(2);
  d.event_id = r.integer_or_null(3);
  d.event_type = r.text(4);
  d.is_test = r.integer(5) != 0;
  d.payload = r.text(6);
  d.status = r.text(7);
  d.attempts = static_cast<int>(r.integer(8));
  if (auto v = r.integer_or_null(9)) d.last_status_code = static_cast<int>(*v);
  d.last_latency_ms = r.integer_or_null(10);
  d.last_response_excerpt = r.text_or_null(11);
  d.last_error = r.text_or_null(12);
  d.next_attempt_at_us = r.integer_or_null(13);
  d.created_at_us = r.integer(14);
  d.delivered_at_us = r.integer_or_null(15);
  return d;
}

}  // namespace

void insert_trigger(db::Transaction& tx, const Trigger& t) {
  tx.execute(std::string("INSERT INTO webhook_triggers (") + trigger_columns +
                 ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
             {t.tenant_id, t.id, t.url, t.description, join(t.event_types), t.active ? 1 : 0, t.secret,
              t.created_at_us, t.updated_at_us, t.consecutive_failures, t.failing_since_us, t.disabled_reason,
              t.disabled_at_us});
}

void update_trigger(db::Transaction& tx, const Trigger& t) {
  tx.execute(
      "UPDATE webhook_triggers SET url = $3, description = $4, event_types = $5, active = $6, secret = $7,"
      " updated_at_us = $8, consecutive_failures = $9, failing_since_us = $10, disabled_reason = $11,"
      " disabled_at_us = $12 WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NULL",
      {t.tenant_id, t.id, t.url, t.description, join(t.event_types), t.active ? 1 : 0, t.secret, t.updated_at_us,
       t.consecutive_failures, t.failing_since_us, t.disabled_reason, t.disabled_at_us});
}

void delete_trigger(db::Transaction& tx, std::int64_t tenant_id, Id id, std::optional<Id> by, std::int64_t now_us) {
  tx.execute(
      "UPDATE webhook_triggers SET deleted_at_us = $3, deleted_by = $4, active = 0, updated_at_us = $3"
      " WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NULL",
      {tenant_id, id, now_us, by});
}

bool restore_trigger(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us) {
  return tx.execute("UPDATE webhook_triggers SET deleted_at_us = NULL, deleted_by = NULL, active = 0,"
                    " updated_at_us = $3 WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NOT NULL",
                    {tenant_id, id, now_us}) == 1;
}

std::optional<Trigger> find_trigger(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock) {
  auto row = tx.query_one(std::string("SELECT ") + trigger_columns +
                              " FROM webhook_triggers WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NULL" +
                              (lock ? tx.for_update() : ""),
                          {tenant_id, id});
  if (!row) return std::nullopt;
  return trigger_from(*row);
}

std::vector<Trigger> list_triggers(db::Transaction& tx, std::int64_t tenant_id, bool active_only) {
  std::vector<Trigger> out;
  for (const auto& row : tx.query(std::string("SELECT ") + trigger_columns +
                                      " FROM webhook_triggers WHERE tenant_id = $1 AND deleted_at_us IS NULL" +
                                      (active_only ? " AND active = 1" : "") + " ORDER BY id",
                                  {tenant_id})) {
    out.push_back(trigger_from(row));
  }
  return out;
}

std::vector<Trigger> list_triggers(db::Transaction& tx, std::int64_t tenant_id, const TriggerFilter& f) {
  db::Where where(std::string("SELECT ") + trigger_columns +
                      " FROM webhook_triggers t WHERE t.tenant_id = $1 AND t.deleted_at_us IS NULL",
                  {tenant_id});
  if (f.active) where.compare("t.active", "=", *f.active ? 1 : 0);
  if (f.tag_id) where.condition(tags::tagged_condition(record_type_trigger, "t.tenant_id", "t.id", where.bind(*f.tag_id)));
  std::vector<Trigger> out;
  for (const auto& row : tx.query(where.sql() + " ORDER BY t.id", where.params())) {
    Trigger t = trigger_from(row);
    if (f.event_type && std::find(t.event_types.begin(), t.event_types.end(), *f.event_type) == t.event_types.end()) {
      continue;
    }
    out.push_back(std::move(t));
  }
  return out;
}

void insert_delivery(db::Transaction& tx, const Delivery& d) { insert_deliveries(tx, {d}); }

void insert_deliveries(db::Transaction& tx, const std::vector<Delivery>& deliveries) {
  constexpr std::size_t columns = 16;
  db::Params values;
  values.reserve(deliveries.size() * columns);
  for (const auto& d : deliveries) {
    for (db::Value v : {db::Value(d.tenant_id), db::Value(d.id), db::Value(d.trigger_id), db::Value(d.event_id),
                        db::Value(d.event_type), db::Value(d.is_test ? 1 : 0), db::Value(d.payload),
                        db::Value(d.status), db::Value(d.attempts), db::Value(d.last_status_code),
                        db::Value(d.last_latency_ms), db::Value(d.last_response_excerpt), db::Value(d.last_error),
                        db::Value(d.next_attempt_at_us), db::Value(d.created_at_us), db::Value(d.delivered_at_us)}) {
      values.push_back(std::move(v));
    }
  }
  db::run_chunked(tx, {}, columns, values, [](std::size_t rows) {
    return std::string("INSERT INTO webhook_deliveries (") + delivery_columns + ") VALUES " +
           db::values_rows(rows, columns);
  });
}

std::vector<Delivery> find_deliveries(db::Transaction& tx, std::int64_t tenant_id, const std::vector<Id>& ids) {
  db::Params values(ids.begin(), ids.end());
  std::vector<Delivery> out;
  const auto rows = db::run_chunked(tx, {tenant_id}, 1, values, [](std::size_t n) {
    return std::string("SELECT ") + delivery_columns + " FROM webhook_deliveries WHERE tenant_id = $1 AND id IN (" +
           db::placeholders(n, 2) + ")";
  });
  for (const auto& row : rows) out.push_back(delivery_from(row));
  return out;
}

std::optional<Delivery> find_delivery(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  auto row = tx.query_one(
      std::string("SELECT ") + delivery_columns + " FROM webhook_deliveries WHERE tenant_id = $1 AND id = $2",
      {tenant_id, id});
  if (!row) return std::nullopt;
  return delivery_from(*row);
}

std::vector<Delivery> list_deliveries(db::Transaction& tx, std::int64_t tenant_id, const DeliveryFilter& f) {
  db::Where where(std::string("SELECT ") + delivery_columns + " FROM webhook_deliveries WHERE tenant_id = $1",
                  {tenant_id});
  where.equal("trigger_id", f.trigger_id).equal("status", f.status).equal("event_type", f.event_type);
  where.period("created_at_us", f.created_from_us, f.created_to_us).before("id", f.before_id);
  std::vector<Delivery> out;
  for (const auto& row : where.order_by("id DESC", f.limit).query(tx)) out.push_back(delivery_from(row));
  return out;
}

void record_attempts(db::Transaction& tx, std::int64_t tenant_id, const std::vector<AttemptOutcome>& outcomes) {
  if (outcomes.empty()) return;
  // 1. The deliveries still queued take the outcome; RETURNING says which did.
  constexpr std::size_t update_columns = 8;
  db::Params values;
  values.reserve(outcomes.size() * update_columns);
  for (const auto& o : outcomes) {
    const SendResult& r = *o.result;
    values.insert(values.end(), {db::Value(o.delivery->id), db::Value(o.status), db::Value(r.status_code),
                                 db::Value(r.latency_ms), db::Value(r.response_excerpt),
                                 r.error.empty() ? db::Value() : db::Value(r.error), db::Value(o.next_attempt_at_us),
                                 db::Value(o.delivered_at_us)});
  }
  static const std::vector<std::string_view> casts = {"BIGINT", "TEXT",   "INTEGER", "BIGINT",
                                                      "TEXT",   "TEXT",   "BIGINT",  "BIGINT"};
  const auto updated = db::run_chunked(tx, {tenant_id}, update_columns, values, [](std::size_t rows) {
    return "UPDATE webhook_deliveries AS d SET attempts = d.attempts + 1, status = v.column2,"
           " last_status_code = v.column3, last_latency_ms = v.column4, last_response_excerpt = v.column5,"
           " last_error = v.column6, next_attempt_at_us = v.column7, delivered_at_us = v.column8 FROM (VALUES " +
           db::values_rows(rows, update_columns, 2, casts) +
           ") AS v WHERE d.tenant_id = $1 AND d.id = v.column1 AND d.status = 'queued' RETURNING id";
  });
  std::set<Id> taken;
  for (const auto& row : updated) taken.insert(row.integer(0));
  // 2. Their attempts join the log (a delivery is sent by one sender at a time).
  constexpr std::size_t attempt_columns = 11;
  values.clear();
  for (const auto& o : outcomes) {
    if (!taken.contains(o.delivery->id)) continue;
    const SendResult& r = *o.result;
    values.insert(values.end(),
                  {db::Value(tenant_id), db::Value(o.delivery->id), db::Value(o.delivery->attempts + 1),
                   db::Value(o.delivery->trigger_id), db::Value(o.attempted_at_us), db::Value(r.status_code),
                   db::Value(r.latency_ms), db::Value(r.response_excerpt),
                   r.error.empty() ? db::Value() : db::Value(r.error), db::Value(o.webhook_timestamp),
                   db::Value(o.signature)});
  }
  db::run_chunked(tx, {}, attempt_columns, values, [](std::size_t rows) {
    return "INSERT INTO webhook_attempts (tenant_id, delivery_id, attempt_no, trigger_id, attempted_at_us,"
           " status_code, latency_ms, response_excerpt, error, webhook_timestamp, signature) VALUES " +
           db::values_rows(rows, attempt_columns) + " ON CONFLICT DO NOTHING";
  });
}

std::vector<Attempt> list_attempts(db::Transaction& tx, std::int64_t tenant_id, Id delivery_id) {
  std::vector<Attempt> out;
  for (const auto& row : tx.query("SELECT attempt_no, attempted_at_us, status_code, latency_ms, response_excerpt, error,"
                                  " webhook_timestamp, signature FROM webhook_attempts WHERE tenant_id = $1 AND delivery_id = $2"
                                  " ORDER BY attempt_no",
                                  {tenant_id, delivery_id})) {
    Attempt a;
    a.attempt_no = static_cast<int>(row.integer(0));
    a.attempted_at_us = row.integer(1);
    if (auto code = row.integer_or_null(2)) a.status_code = static_cast<int>(*code);
    a.latency_ms = row.integer(3);
    a.response_excerpt = row.text_or_null(4).value_or("");
    a.error = row.text_or_null(5);
    a.webhook_timestamp = row.integer_or_null(6);
    a.signature = row.text_or_null(7);
    out.push_back(std::move(a));
  }
  return out;
}

void note_success(db::Transaction& tx, std::int64_t tenant_id, Id trigger_id) {
  // Touches the row only when a failing streak is open, so healthy endpoints cost no write.
  tx.execute(
      "UPDATE webhook_triggers SET consecutive_failures = 0, failing_since_us = NULL"
      " WHERE tenant_id = $1 AND id = $2 AND (consecutive_failures <> 0 OR failing_since_us IS NOT NULL)",
      {tenant_id, trigger_id});
}

std::optional<Trigger> note_failure(db::Transaction& tx, std::int64_t tenant_id, Id trigger_id, std::int64_t now_us) {
  tx.execute(
      "UPDATE webhook_triggers SET consecutive_failures = consecutive_failures + 1,"
      " failing_since_us = COALESCE(failing_since_us, $3) WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NULL",
      {tenant_id, trigger_id, now_us});
  return find_trigger(tx, tenant_id, trigger_id, true);
}

void mark_failed(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::string& error) {
  tx.execute(
      "UPDATE webhook_deliveries SET status = 'failed', last_error = $3, next_attempt_at_us = NULL"
      " WHERE tenant_id = $1 AND id = $2 AND status = 'queued'",
      {tenant_id, id, error.substr(0, 2000)});
}

void ensure_cursor(db::Transaction& tx, std::int64_t tenant_id, std::int64_t now_us) {
  if (tx.query_one("SELECT 1 FROM webhook_cursors WHERE tenant_id = $1", {tenant_id})) return;
  const auto newest = tx.query_one("SELECT MAX(id) FROM events WHERE tenant_id = $1", {tenant_id});
  const Id start = newest && !newest->is_null(0) ? newest->integer(0) : 0;
  tx.execute("INSERT INTO webhook_cursors (tenant_id, last_event_id, updated_at_us) VALUES ($1, $2, $3)",
             {tenant_id, start, now_us});
}

std::vector<std::int64_t> cursor_tenants(db::Transaction& tx) {
  std::vector<std::int64_t> out;
  for (const auto& row : tx.query("SELECT tenant_id FROM webhook_cursors ORDER BY tenant_id")) {
    out.push_back(row.integer(0));
  }
  return out;
}

std::optional<Id> cursor(db::Transaction& tx, std::int64_t tenant_id) {
  auto row = tx.query_one("SELECT last_event_id FROM webhook_cursors WHERE tenant_id = $1", {tenant_id});
  if (!row) return std::nullopt;
  return row->integer(0);
}

std::optional<Id> lock_cursor(db::Transaction& tx, std::int64_t tenant_id) {
  auto row = tx.query_one(
      std::string("SELECT last_event_id FROM webhook_cursors WHERE tenant_id = $1") + tx.for_update(), {tenant_id});
  if (!row) return std::nullopt;
  return row->integer(0);
}

void set_cursor(db::Transaction& tx, std::int64_t tenant_id, Id last_event_id, std::int64_t now_us) {
  tx.execute("UPDATE webhook_cursors SET last_event_id = $2, updated_at_us = $3 WHERE tenant_id = $1",
             {tenant_id, last_event_id, now_us});
}

namespace {

constexpr const char* event_columns =
    "e.tenant_id, e.id, e.type, e.subject_type, e.subject_id, e.payload, e.request_id, e.occurred_at_us";

std::vector<events::Event> events_from(const db::Rows& rows) {
  std::vector<events::Event> out;
  for (const auto& row : rows) {
    events::Event e;
    e.tenant_id = row.integer(0);
    e.id = row.integer(1);
    e.type = row.text(2);
    e.subject_type = row.text(3);
    e.subject_id = row.text(4);
    e.payload = row.text(5);
    e.request_id = row.text_or_null(6).value_or("");
    e.occurred_at_us = row.integer(7);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::vector<events::Event> unfanned_events(db::Transaction& tx, std::int64_t tenant_id, Id after_id, Id below_id,
                                           int limit) {
  // Two index range scans merged here rather than NOT EXISTS: on a young events table without
  // statistics PostgreSQL planned the anti-join quadratically (seconds for 10 000 events).
  const db::Params range{tenant_id, after_id, below_id};
  const auto events = tx.query("SELECT id FROM events WHERE tenant_id = $1 AND id > $2 AND id < $3 ORDER BY id", range);
  const auto fanned = tx.query(
      "SELECT event_id FROM webhook_fanned WHERE tenant_id = $1 AND event_id > $2 AND event_id < $3 ORDER BY event_id",
      range);
  db::Params missing;
  std::size_t f = 0;
  for (const auto& row : events) {
    const Id id = row.integer(0);
    while (f < fanned.size() && fanned[f].integer(0) < id) ++f;
    if (f < fanned.size() && fanned[f].integer(0) == id) continue;
    missing.emplace_back(id);
    if (static_cast<int>(missing.size()) == limit) break;
  }
  if (missing.empty()) return {};
  return events_from(db::run_chunked(tx, {tenant_id}, 1, missing, [](std::size_t n) {
    return std::string("SELECT ") + event_columns + " FROM events e WHERE e.tenant_id = $1 AND e.id IN (" +
           db::placeholders(n, 2) + ") ORDER BY e.id";
  }));
}

std::vector<events::Event> events_after(db::Transaction& tx, std::int64_t tenant_id, Id after_id, int limit) {
  return events_from(tx.query(std::string("SELECT ") + event_columns +
                                  " FROM events e WHERE e.tenant_id = $1 AND e.id > $2 ORDER BY e.id LIMIT $3",
                              {tenant_id, after_id, limit}));
}

Id fanned_high(db::Transaction& tx, std::int64_t tenant_id, Id cursor) {
  const auto row = tx.query_one("SELECT MAX(event_id) FROM webhook_fanned WHERE tenant_id = $1", {tenant_id});
  return row && !row->is_null(0) ? std::max(cursor, row->integer(0)) : cursor;
}

Id settled_cursor(db::Transaction& tx, std::int64_t tenant_id, Id cursor, std::int64_t settled_before_us, Id at_most) {
  // The first event still inside the settle window bounds the cursor: a transaction that drew a
  // smaller id may not have committed yet.
  const auto first_unsettled = tx.query_one(
      "SELECT MIN(id) FROM events WHERE tenant_id = $1 AND id > $2 AND occurred_at_us > $3",
      {tenant_id, cursor, settled_before_us});
  Id bound = at_most;
  if (first_unsettled && !first_unsettled->is_null(0)) bound = std::min(bound, first_unsettled->integer(0) - 1);
  const auto last = tx.query_one("SELECT MAX(id) FROM events WHERE tenant_id = $1 AND id > $2 AND id <= $3",
                                 {tenant_id, cursor, bound});
  return last && !last->is_null(0) ? last->integer(0) : cursor;
}

void mark_fanned(db::Transaction& tx, std::int64_t tenant_id, const std::vector<Id>& event_ids) {
  db::Params values;
  for (const Id id : event_ids) values.insert(values.end(), {db::Value(tenant_id), db::Value(id)});
  db::run_chunked(tx, {}, 2, values, [](std::size_t rows) {
    return "INSERT INTO webhook_fanned (tenant_id, event_id) VALUES " + db::values_rows(rows, 2) +
           " ON CONFLICT DO NOTHING";
  });
}

void prune_fanned(db::Transaction& tx, std::int64_t tenant_id, Id up_to) {
  tx.execute("DELETE FROM webhook_fanned WHERE tenant_id = $1 AND event_id <= $2", {tenant_id, up_to});
}

}  // namespace rg::webhooks::store
