#include "platform/events/service.hpp"

#include <stdexcept>

namespace rg::events {

namespace {

constexpr const char* insert_sql =
    "INSERT INTO events (tenant_id, id, type, subject_type, subject_id, payload, request_id, occurred_at_us)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr const char* after_sql =
    "SELECT tenant_id, id, type, subject_type, subject_id, payload, request_id, occurred_at_us FROM events"
    " WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3";

}  // namespace

void EventCatalog::add(EventType type) {
  const std::string key = type.type;
  if (!types_.emplace(key, std::move(type)).second) throw std::invalid_argument("event type registered twice: " + key);
}

const EventType* EventCatalog::find(const std::string& type) const {
  auto it = types_.find(type);
  return it == types_.end() ? nullptr : &it->second;
}

std::vector<EventType> EventCatalog::all() const {
  std::vector<EventType> out;
  for (const auto& [key, type] : types_) out.push_back(type);
  return out;
}

EventLog::EventLog(const EventCatalog& catalog, const Clock& clock, IdGenerator& ids)
    : catalog_(catalog), clock_(clock), ids_(ids) {}

Id EventLog::publish(db::Transaction& tx, std::int64_t tenant_id, const std::string& type,
                     const std::string& subject_type, const std::string& subject_id, const std::string& payload_json,
                     const std::string& request_id) {
  if (!catalog_.contains(type)) throw std::logic_error("unregistered event type " + type);
  const Id id = ids_.next();
  tx.execute(insert_sql, {tenant_id, id, type, subject_type, subject_id, payload_json,
                          request_id.empty() ? db::Value() : db::Value(request_id), clock_.now_us()});
  return id;
}

std::vector<Event> EventLog::after(db::Transaction& tx, std::int64_t tenant_id, Id after_id, int limit) {
  std::vector<Event> out;
  for (const auto& row : tx.query(after_sql, {tenant_id, after_id, limit})) {
    out.push_back(Event{row.integer(0), row.integer(1), row.text(2), row.text(3), row.text(4), row.text(5),
                        row.text_or_null(6).value_or(""), row.integer(7)});
  }
  return out;
}

}  // namespace rg::events
