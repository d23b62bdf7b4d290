#include <algorithm>

#include "db/where.hpp"
#include "platform/tags/store.hpp"

namespace rg::tags::store {

namespace {

// Records soft-deleted (PLT-14) keep their tags but do not count and are not listed. (A macro so
// the statements below stay single literals.)
#define RG_LIVE_RECORD                                                                         \
  "NOT EXISTS (SELECT 1 FROM deleted_records d WHERE d.tenant_id = rt.tenant_id AND"          \
  " d.record_type = rt.record_type AND d.record_id = rt.record_id AND d.restored_at_us IS NULL)"

constexpr const char* tag_select =
    "SELECT t.tenant_id, t.id, t.name, t.color, t.description, (SELECT COUNT(*) FROM record_tags rt"
    " WHERE rt.tenant_id = t.tenant_id AND rt.tag_id = t.id AND " RG_LIVE_RECORD
    "), t.created_at_us, t.updated_at_us FROM tags t";
constexpr const char* tagged_select =
    "SELECT rt.record_type, rt.record_id, rt.tagged_at_us FROM record_tags rt"
    " WHERE rt.tenant_id = $1 AND rt.tag_id = $2 AND " RG_LIVE_RECORD;
#undef RG_LIVE_RECORD

Tag tag_from(const db::Row& r) {
  return Tag{r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.integer(5), r.integer(6), r.integer(7)};
}

}  // namespace

std::string fold(const std::string& name) {
  std::string out = name;
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

void insert_tag(db::Transaction& tx, const Tag& t) {
  tx.execute("INSERT INTO tags (tenant_id, id, name, name_folded, color, description, created_at_us, updated_at_us)"
             " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
             {t.tenant_id, t.id, t.name, fold(t.name), t.color, t.description, t.created_at_us, t.updated_at_us});
}

void update_tag(db::Transaction& tx, const Tag& t) {
  tx.execute("UPDATE tags SET name = $3, name_folded = $4, color = $5, description = $6, updated_at_us = $7"
             " WHERE tenant_id = $1 AND id = $2",
             {t.tenant_id, t.id, t.name, fold(t.name), t.color, t.description, t.updated_at_us});
}

void delete_tag(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  // record_tags rows go with it (ON DELETE CASCADE); explicit for clarity on every engine.
  tx.execute("DELETE FROM record_tags WHERE tenant_id = $1 AND tag_id = $2", {tenant_id, id});
  tx.execute("DELETE FROM tags WHERE tenant_id = $1 AND id = $2", {tenant_id, id});
}

std::optional<Tag> find_tag(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock) {
  if (lock) tx.query_one(std::string("SELECT id FROM tags WHERE tenant_id = $1 AND id = $2") + tx.for_update(), {tenant_id, id});
  auto row = tx.query_one(std::string(tag_select) + " WHERE t.tenant_id = $1 AND t.id = $2", {tenant_id, id});
  if (!row) return std::nullopt;
  return tag_from(*row);
}

std::optional<Id> find_tag_by_name(db::Transaction& tx, std::int64_t tenant_id, const std::string& name) {
  auto row = tx.query_one("SELECT id FROM tags WHERE tenant_id = $1 AND name_folded = $2", {tenant_id, fold(name)});
  if (!row) return std::nullopt;
  return row->integer(0);
}

std::vector<Tag> list_tags(db::Transaction& tx, std::int64_t tenant_id, const std::optional<std::string>& text) {
  std::vector<Tag> out;
  const std::string needle = text ? fold(*text) : "";
  for (const auto& row : tx.query(std::string(tag_select) + " WHERE t.tenant_id = $1 ORDER BY t.name_folded, t.id", {tenant_id})) {
    Tag tag = tag_from(row);
    if (needle.empty() || fold(tag.name).find(needle) != std::string::npos) out.push_back(std::move(tag));
  }
  return out;
}

std::int64_t count_tags(db::Transaction& tx, std::int64_t tenant_id) {
  return tx.query_one("SELECT COUNT(*) FROM tags WHERE tenant_id = $1", {tenant_id})->integer(0);
}

bool attach(db::Transaction& tx, std::int64_t tenant_id, Id tag_id, const std::string& record_type, Id record_id,
            std::optional<Id> by, std::int64_t now_us) {
  return tx.execute("INSERT INTO record_tags (tenant_id, tag_id, record_type, record_id, tagged_by, tagged_at_us)"
                    " VALUES ($1, $2, $3, $4, $5, $6)"
                    " ON CONFLICT (tenant_id, tag_id, record_type, record_id) DO NOTHING",
                    {tenant_id, tag_id, record_type, record_id, by, now_us}) == 1;
}

bool detach(db::Transaction& tx, std::int64_t tenant_id, Id tag_id, const std::string& record_type, Id record_id) {
  return tx.execute("DELETE FROM record_tags WHERE tenant_id = $1 AND tag_id = $2 AND record_type = $3"
                    " AND record_id = $4",
                    {tenant_id, tag_id, record_type, record_id}) == 1;
}

std::int64_t count_record_tags(db::Transaction& tx, std::int64_t tenant_id, const std::string& record_type,
                               Id record_id) {
  return tx
      .query_one("SELECT COUNT(*) FROM record_tags WHERE tenant_id = $1 AND record_type = $2 AND record_id = $3",
                 {tenant_id, record_type, record_id})
      ->integer(0);
}

std::vector<TaggedRecord> tagged_records(db::Transaction& tx, std::int64_t tenant_id, Id tag_id,
                                         const TaggedFilter& f) {
  std::vector<TaggedRecord> out;
  if (f.record_types.empty()) return out;
  db::Where where(tagged_select, {tenant_id, tag_id});
  where.in("rt.record_type", f.record_types).equal("rt.record_type", f.record_type);
  if (f.after) {
    // Keyset on (record_type, record_id).
    const std::string type = where.bind(f.after->first);
    const std::string id = where.bind(f.after->second);
    where.condition("(rt.record_type > " + type + " OR (rt.record_type = " + type + " AND rt.record_id > " + id + "))");
  }
  for (const auto& row : where.order_by("rt.record_type, rt.record_id", f.limit).query(tx)) {
    out.push_back({row.text(0), row.integer(1), "", row.integer(2)});
  }
  return out;
}

std::map<Id, std::vector<Tag>> tags_of(db::Transaction& tx, std::int64_t tenant_id, const std::string& record_type,
                                       const std::vector<Id>& record_ids) {
  std::map<Id, std::vector<Tag>> out;
  if (record_ids.empty()) return out;
  db::Where where(
      "SELECT rt.record_id, t.tenant_id, t.id, t.name, t.color, t.description, t.created_at_us, t.updated_at_us"
      " FROM record_tags rt JOIN tags t ON t.tenant_id = rt.tenant_id AND t.id = rt.tag_id"
      " WHERE rt.tenant_id = $1 AND rt.record_type = $2",
      {tenant_id, record_type});
  where.in("rt.record_id", record_ids);
  for (const auto& r : tx.query(where.sql() + " ORDER BY rt.record_id, t.name_folded", where.params())) {
    out[r.integer(0)].push_back(
        Tag{r.integer(1), r.integer(2), r.text(3), r.text(4), r.text(5), 0, r.integer(6), r.integer(7)});
  }
  return out;
}

}  // namespace rg::tags::store
