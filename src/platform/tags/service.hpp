#pragma once
// Tags (PLT-13): tenant tags (name, color, description; the name unique per tenant) attached to
// records of any module by (record_type, record_id). Modules register their record types with
// one call, like event types: the type's read permission (an operator must be able to see a
// record to tag it or to find it by tag) and a lookup that says whether a live record exists and
// what to call it. Lists of a module filter by tag inside their own query with
// tagged_condition() (model.hpp). Records that are soft-deleted (PLT-14) keep their tags but are
// left out of "records with this tag" and of the counts until they are restored.
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
#include "platform/tags/model.hpp"

namespace rg::tags {

struct RecordType {
  std::string type;        // "operator"
  std::string label_pt;    // "Operador"
  std::string label_en;
  std::string permission;  // what it takes to see such records, e.g. "operators.read"
  // The live (not deleted) record's display name in the tenant, or nothing when there is none.
  std::function<std::optional<std::string>(db::Transaction& tx, std::int64_t tenant_id, Id record_id)> lookup;
};

class RecordTypes {
 public:
  void add(RecordType type);
  const RecordType* find(const std::string& type) const { return types_.find(type); }
  std::vector<const RecordType*> all() const { return types_.all(); }

 private:
  NamedRegistry<RecordType> types_;
};

struct RecordsPage {
  std::vector<TaggedRecord> items;
  std::optional<std::string> next_cursor;  // "record_type:record_id"
};

std::string tag_json(const Tag& tag);

class TagService {
 public:
  TagService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit, const RecordTypes& types);

  const RecordTypes& types() const { return types_; }
  // Every tag of the tenant (at most tags_per_tenant_max), by name; `text` filters by name.
  std::vector<Tag> list(std::int64_t tenant_id, const std::optional<std::string>& text);
  Result<Tag> get(std::int64_t tenant_id, Id id);
  Result<Tag> create(const audit::Entry& who, const TagInput& input);
  Result<Tag> update(const audit::Entry& who, Id id, const TagInput& input);
  // Deletes the tag and detaches it from every record.
  Status remove(const audit::Entry& who, Id id);

  // Attaching twice is not an error: the result says whether the tag was newly attached.
  Result<bool> attach(const audit::Entry& who, Id tag_id, const std::string& record_type, Id record_id);
  Status detach(const audit::Entry& who, Id tag_id, const std::string& record_type, Id record_id);
  // Live records carrying the tag, by (record_type, record_id), among filter.record_types.
  Result<RecordsPage> records(std::int64_t tenant_id, Id tag_id, const TaggedFilter& filter);
  // The tags of each of `record_ids` (all of `record_type`); records without tags are absent.
  std::map<Id, std::vector<Tag>> tags_of(std::int64_t tenant_id, const std::string& record_type,
                                         const std::vector<Id>& record_ids);

 private:
  Status validate(db::Transaction& tx, Tag& tag);

  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  audit::AuditLog& audit_;
  const RecordTypes& types_;
};

}  // namespace rg::tags
