#include "platform/deleted/store.hpp"

#include "db/where.hpp"

namespace rg::deleted::store {

namespace {

constexpr const char* columns =
    "tenant_id, id, record_type, record_id, summary, deleted_by, deleted_by_name, deleted_at_us, restored_by,"
    " restored_at_us";

DeletedRecord from_row(const db::Row& r) {
  return DeletedRecord{r.integer(0),         r.integer(1),         r.text(2),
                       r.integer(3),         r.text(4),            r.integer_or_null(5),
                       r.text(6),            r.integer(7),         r.integer_or_null(8),
                       r.integer_or_null(9)};
}

}  // namespace

void insert(db::Transaction& tx, const DeletedRecord& d) {
  tx.execute(std::string("INSERT INTO deleted_records (") + columns +
                 ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL)",
             {d.tenant_id, d.id, d.record_type, d.record_id, d.summary, d.deleted_by, d.deleted_by_name,
              d.deleted_at_us});
}

std::optional<DeletedRecord> find_live(db::Transaction& tx, std::int64_t tenant_id, const std::string& record_type,
                                       Id record_id) {
  auto row = tx.query_one(std::string("SELECT ") + columns +
                              " FROM deleted_records WHERE tenant_id = $1 AND record_type = $2 AND record_id = $3"
                              " AND restored_at_us IS NULL" +
                              tx.for_update(),
                          {tenant_id, record_type, record_id});
  if (!row) return std::nullopt;
  return from_row(*row);
}

void mark_restored(db::Transaction& tx, std::int64_t tenant_id, Id id, std::optional<Id> by, std::int64_t now_us) {
  tx.execute("UPDATE deleted_records SET restored_by = $3, restored_at_us = $4 WHERE tenant_id = $1 AND id = $2",
             {tenant_id, id, by, now_us});
}

std::vector<DeletedRecord> list(db::Transaction& tx, std::int64_t tenant_id, const DeletedFilter& f) {
  db::Where where(std::string("SELECT ") + columns + " FROM deleted_records WHERE tenant_id = $1 AND restored_at_us IS NULL",
                  {tenant_id});
  where.equal("record_type", f.record_type).equal("deleted_by", f.deleted_by);
  where.period("deleted_at_us", f.from_us, f.to_us).before("id", f.before_id).order_by("id DESC", f.limit);
  std::vector<DeletedRecord> out;
  for (const auto& row : where.query(tx)) out.push_back(from_row(row));
  return out;
}

}  // namespace rg::deleted::store
