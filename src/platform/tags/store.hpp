#pragma once
// SQL for tags and record_tags (portable, $1..$n).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "platform/tags/model.hpp"

namespace rg::tags::store {

std::string fold(const std::string& name);

void insert_tag(db::Transaction& tx, const Tag& tag);
void update_tag(db::Transaction& tx, const Tag& tag);
void delete_tag(db::Transaction& tx, std::int64_t tenant_id, Id id);
std::optional<Tag> find_tag(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock = false);
std::optional<Id> find_tag_by_name(db::Transaction& tx, std::int64_t tenant_id, const std::string& name);
std::vector<Tag> list_tags(db::Transaction& tx, std::int64_t tenant_id, const std::optional<std::string>& text);
std::int64_t count_tags(db::Transaction& tx, std::int64_t tenant_id);

// true when the row was inserted (false: it was attached already).
bool attach(db::Transaction& tx, std::int64_t tenant_id, Id tag_id, const std::string& record_type, Id record_id,
            std::optional<Id> by, std::int64_t now_us);
bool detach(db::Transaction& tx, std::int64_t tenant_id, Id tag_id, const std::string& record_type, Id record_id);
std::int64_t count_record_tags(db::Transaction& tx, std::int64_t tenant_id, const std::string& record_type,
                               Id record_id);
// Fetches filter.limit rows; labels are left empty.
std::vector<TaggedRecord> tagged_records(db::Transaction& tx, std::int64_t tenant_id, Id tag_id,
                                         const TaggedFilter& filter);
std::map<Id, std::vector<Tag>> tags_of(db::Transaction& tx, std::int64_t tenant_id, const std::string& record_type,
                                       const std::vector<Id>& record_ids);

}  // namespace rg::tags::store
