#pragma once
// Domain events (PLT-08): a catalogue of event types that modules register with one call, and
// an outbox they publish into inside their own transaction. An event is never lost (it commits
// with its change) and never exists for a change that rolled back. Webhook triggers deliver
// from this table.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "db/database.hpp"

namespace rg::events {

struct EventType {
  std::string type;            // "operator.disabled"
  std::string description_pt;  // "Operador desabilitado"
  std::string description_en;
  std::string sample_payload;  // JSON used by "simulate" (a test delivery)
};

struct Event {
  std::int64_t tenant_id = 0;
  Id id = 0;
  std::string type;
  std::string subject_type;
  std::string subject_id;
  std::string payload;  // JSON document
  std::string request_id;
  std::int64_t occurred_at_us = 0;
};

class EventCatalog {
 public:
  void add(EventType type);
  bool contains(const std::string& type) const { return types_.count(type) > 0; }
  const EventType* find(const std::string& type) const;
  std::vector<EventType> all() const;

 private:
  std::map<std::string, EventType> types_;
};

class EventLog {
 public:
  EventLog(const EventCatalog& catalog, const Clock& clock, IdGenerator& ids);
  // Appends inside the caller's transaction. An unregistered type is a programming error.
  Id publish(db::Transaction& tx, std::int64_t tenant_id, const std::string& type, const std::string& subject_type,
             const std::string& subject_id, const std::string& payload_json, const std::string& request_id = "");
  // A tenant's events after `after_id` in id order (the delivery cursor).
  std::vector<Event> after(db::Transaction& tx, std::int64_t tenant_id, Id after_id, int limit);
  const EventCatalog& catalog() const { return catalog_; }

 private:
  const EventCatalog& catalog_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace rg::events
