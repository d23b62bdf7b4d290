#pragma once
// Deleted records (PLT-14): soft delete with who/when, one list across modules ("Registros
// Excluídos") and restore.
//
// A module soft-deletes its own row (a deleted_at_us column its queries test, so its lists, GETs
// and exports skip deleted rows with no join) and calls record_deletion() in the same
// transaction, which adds a row to the shared `deleted_records` registry. The registry is what
// the cross-module list reads: one indexed query with filters and keyset paging instead of a
// UNION over every module's table. Restoring goes through the registry: the module's registered
// restore function makes the row live again (or refuses, e.g. 409 when a restored operator's
// e-mail is now used by another), then the registry row is marked restored, the change is
// audited as "<type>.restored" and the event of that name is published — all in one transaction.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/named_registry.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "platform/audit/service.hpp"
#include "platform/deleted/model.hpp"
#include "platform/events/service.hpp"

namespace rg::deleted {

// What a module registers for each soft-deletable record type.
struct RecordType {
  std::string type;      // "operator"
  std::string label_pt;  // "Operador"
  std::string label_en;
  // Makes the record live again inside `tx`, or says why it cannot. Returns the restored record
  // as a JSON document: the audit entry's "after" and the restored event's payload.
  std::function<Result<std::string>(db::Transaction& tx, const audit::Entry& who, Id record_id)> restore;
};

class RecordTypes {
 public:
  // The catalogue must already hold "<type>.restored": a restore always publishes it.
  explicit RecordTypes(const events::EventCatalog& catalog) : catalog_(catalog) {}
  void add(RecordType type);
  const RecordType* find(const std::string& type) const { return types_.find(type); }
  std::vector<const RecordType*> all() const { return types_.all(); }

 private:
  const events::EventCatalog& catalog_;
  NamedRegistry<RecordType> types_;
};

// Adds the registry row inside the module's deletion transaction. `who` names the deleter.
void record_deletion(db::Transaction& tx, IdGenerator& ids, std::int64_t now_us, const audit::Entry& who,
                     const std::string& record_type, Id record_id, std::string summary);

struct Page {
  std::vector<DeletedRecord> items;
  std::optional<Id> next_before_id;  // empty on the last page
};

std::string deleted_record_json(const DeletedRecord& record, const RecordTypes& types);

class DeletedRecords {
 public:
  DeletedRecords(db::Database& db, const Clock& clock, audit::AuditLog& audit, events::EventLog& events,
                 const RecordTypes& types);

  const RecordTypes& types() const { return types_; }
  // Records deleted and not restored, newest first.
  Page list(std::int64_t tenant_id, const DeletedFilter& filter);
  // Restores one record; returns the registry row marked restored. not_found for an unknown type
  // or a record that is not deleted.
  Result<DeletedRecord> restore(const audit::Entry& who, const std::string& record_type, Id record_id);

 private:
  db::Database& db_;
  const Clock& clock_;
  audit::AuditLog& audit_;
  events::EventLog& events_;
  const RecordTypes& types_;
};

}  // namespace rg::deleted
