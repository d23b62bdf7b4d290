#include "platform/exports/store.hpp"

#include "db/where.hpp"

namespace rg::exports::store {

namespace {

#define RG_EXPORT_COLUMNS                                                                                     \
  "SELECT tenant_id, id, requested_by, requested_by_name, list_type, format, query_string, locale, permissions," \
  " status, row_count, size_bytes, file_name, error, created_at_us, finished_at_us, expires_at_us FROM exports"
constexpr const char* find_sql = RG_EXPORT_COLUMNS " WHERE tenant_id = $1 AND id = $2";
constexpr const char* list_sql = RG_EXPORT_COLUMNS " WHERE tenant_id = $1 AND requested_by = $2";
constexpr const char* expired_sql =
    RG_EXPORT_COLUMNS " WHERE status = 'done' AND expires_at_us < $1 ORDER BY expires_at_us LIMIT $2";
#undef RG_EXPORT_COLUMNS

constexpr const char* insert_sql =
    "INSERT INTO exports (tenant_id, id, requested_by, requested_by_name, list_type, format, query_string, locale,"
    " permissions, status, row_count, size_bytes, file_name, error, created_at_us, finished_at_us, expires_at_us)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";
constexpr const char* mark_running_sql =
    "UPDATE exports SET status = 'running' WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running')";
constexpr const char* mark_done_sql =
    "UPDATE exports SET status = 'done', row_count = $3, size_bytes = $4, finished_at_us = $5, expires_at_us = $6,"
    " error = NULL WHERE tenant_id = $1 AND id = $2";
constexpr const char* mark_failed_sql =
    "UPDATE exports SET status = 'failed', error = $3, finished_at_us = $4 WHERE tenant_id = $1 AND id = $2"
    " AND status IN ('queued', 'running')";
constexpr const char* mark_expired_sql =
    "UPDATE exports SET status = 'expired' WHERE tenant_id = $1 AND id = $2 AND status = 'done'";

ExportRecord from_row(const db::Row& row) {
  ExportRecord r;
  r.tenant_id = row.integer(0);
  r.id = row.integer(1);
  r.requested_by = row.integer(2);
  r.requested_by_name = row.text(3);
  r.list_type = row.text(4);
  r.format = row.text(5);
  r.query_string = row.text(6);
  r.locale = row.text(7);
  r.permissions = row.text(8);
  r.status = row.text(9);
  r.row_count = row.integer_or_null(10);
  r.size_bytes = row.integer_or_null(11);
  r.file_name = row.text(12);
  r.error = row.text_or_null(13);
  r.created_at_us = row.integer(14);
  r.finished_at_us = row.integer_or_null(15);
  r.expires_at_us = row.integer_or_null(16);
  return r;
}

std::vector<ExportRecord> all(const db::Rows& rows) {
  std::vector<ExportRecord> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(from_row(row));
  return out;
}

}  // namespace

void insert(db::Transaction& tx, const ExportRecord& r) {
  tx.execute(insert_sql, {r.tenant_id, r.id, r.requested_by, r.requested_by_name, r.list_type, r.format, r.query_string,
                          r.locale, r.permissions, r.status, r.row_count, r.size_bytes, r.file_name, r.error,
                          r.created_at_us, r.finished_at_us, r.expires_at_us});
}

std::optional<ExportRecord> find(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  auto row = tx.query_one(find_sql, {tenant_id, id});
  if (!row) return std::nullopt;
  return from_row(*row);
}

std::vector<ExportRecord> list_for(db::Transaction& tx, std::int64_t tenant_id, std::int64_t requested_by,
                                   std::optional<std::int64_t> before_id, int limit) {
  db::Where where(list_sql, {tenant_id, requested_by});
  return all(where.before("id", before_id).order_by("id DESC", limit).query(tx));
}

bool mark_running(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  return tx.execute(mark_running_sql, {tenant_id, id}) == 1;
}

void mark_done(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t rows, std::int64_t size_bytes,
               std::int64_t finished_at_us, std::int64_t expires_at_us) {
  tx.execute(mark_done_sql, {tenant_id, id, rows, size_bytes, finished_at_us, expires_at_us});
}

void mark_failed(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::string& error, std::int64_t at_us) {
  tx.execute(mark_failed_sql, {tenant_id, id, error, at_us});
}

std::vector<ExportRecord> expired(db::Transaction& tx, std::int64_t now_us, int limit) {
  return all(tx.query(expired_sql, {now_us, limit}));
}

void mark_expired(db::Transaction& tx, std::int64_t tenant_id, Id id) { tx.execute(mark_expired_sql, {tenant_id, id}); }

}  // namespace rg::exports::store
