#include "platform/deleted/service.hpp"

#include <boost/json.hpp>

#include <stdexcept>

#include "platform/deleted/store.hpp"

namespace rg::deleted {

namespace {

namespace json = boost::json;

// At most `max` bytes, cut at a UTF-8 character boundary.
std::string clipped(std::string text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

}  // namespace

void RecordTypes::add(RecordType type) {
  if (!catalog_.contains(type.type + ".restored")) {
    throw std::logic_error("register the event " + type.type + ".restored before the deleted record type");
  }
  if (!type.restore) throw std::logic_error("deleted record type without restore: " + type.type);
  types_.add(std::move(type), "deleted record type");
}

void record_deletion(db::Transaction& tx, IdGenerator& ids, std::int64_t now_us, const audit::Entry& who,
                     const std::string& record_type, Id record_id, std::string summary) {
  DeletedRecord record;
  record.tenant_id = who.tenant_id;
  record.id = ids.next();
  record.record_type = record_type;
  record.record_id = record_id;
  record.summary = clipped(std::move(summary), summary_chars_max);
  if (who.actor_id) record.deleted_by = *who.actor_id;
  record.deleted_by_name = who.actor_name;
  record.deleted_at_us = now_us;
  store::insert(tx, record);
}

std::string deleted_record_json(const DeletedRecord& d, const RecordTypes& types) {
  const RecordType* type = types.find(d.record_type);
  json::object o{{"record_type", d.record_type},
                 {"record_type_label_pt", type ? type->label_pt : d.record_type},
                 {"record_type_label_en", type ? type->label_en : d.record_type},
                 {"record_id", std::to_string(d.record_id)},
                 {"summary", d.summary},
                 {"deleted_by", d.deleted_by ? json::value(std::to_string(*d.deleted_by)) : nullptr},
                 {"deleted_by_name", d.deleted_by_name},
                 {"deleted_at", format_iso8601_utc(d.deleted_at_us)},
                 {"restored_by", d.restored_by ? json::value(std::to_string(*d.restored_by)) : nullptr},
                 {"restored_at", d.restored_at_us ? json::value(format_iso8601_utc(*d.restored_at_us)) : nullptr}};
  return json::serialize(o);
}

DeletedRecords::DeletedRecords(db::Database& db, const Clock& clock, audit::AuditLog& audit, events::EventLog& events,
                               const RecordTypes& types)
    : db_(db), clock_(clock), audit_(audit), events_(events), types_(types) {}

Page DeletedRecords::list(std::int64_t tenant_id, const DeletedFilter& filter) {
  DeletedFilter probe = filter;
  probe.limit = filter.limit + 1;  // one more row says whether another page exists
  Page page;
  page.items = db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::list(tx, tenant_id, probe); });
  if (static_cast<int>(page.items.size()) > filter.limit) {
    page.items.resize(filter.limit);
    page.next_before_id = page.items.back().id;
  }
  return page;
}

Result<DeletedRecord> DeletedRecords::restore(const audit::Entry& who, const std::string& record_type, Id record_id) {
  const RecordType* type = types_.find(record_type);
  if (!type) return Error::not_found("Unknown record type.");
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<DeletedRecord> {
    auto row = store::find_live(tx, who.tenant_id, record_type, record_id);
    if (!row) return Error::not_found("No deleted record with this type and id.");
    const std::string before = deleted_record_json(*row, types_);
    auto restored = type->restore(tx, who, record_id);
    if (!restored) return restored.error();
    const std::int64_t now = clock_.now_us();
    store::mark_restored(tx, who.tenant_id, row->id, who.actor_id, now);
    row->restored_by = who.actor_id;
    row->restored_at_us = now;
    const std::string id_text = std::to_string(record_id);
    audit_.record(tx, who, record_type + ".restored", record_type, id_text, before, *restored);
    events_.publish(tx, who.tenant_id, record_type + ".restored", record_type, id_text, *restored, who.request_id);
    return *row;
  });
}

}  // namespace rg::deleted
