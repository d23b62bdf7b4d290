#include "platform/messages/store.hpp"

#include "db/where.hpp"

namespace rg::messages::store {

namespace {

constexpr const char* message_columns =
    "m.id, m.title, m.body, m.severity, m.audience, m.publish_from_us, m.publish_until_us, m.author_tenant_id,"
    " m.author_id, m.author_name, m.created_at_us, m.updated_at_us";

// Addressed to tenant $1 and published at $3 (the operator is $2 in the queries that use it).
constexpr const char* visible_to_tenant =
    " m.deleted_at_us IS NULL"
    " AND (m.publish_from_us IS NULL OR m.publish_from_us <= $3)"
    " AND (m.publish_until_us IS NULL OR m.publish_until_us > $3)"
    " AND (m.audience = 'all' OR EXISTS (SELECT 1 FROM platform_message_tenants a"
    " WHERE a.message_id = m.id AND a.tenant_id = $1))";

Message message_from(const db::Row& r) {
  Message m;
  m.id = r.integer(0);
  m.title = r.text(1);
  m.body = r.text(2);
  m.severity = r.text(3);
  m.audience = r.text(4);
  m.publish_from_us = r.integer_or_null(5);
  m.publish_until_us = r.integer_or_null(6);
  m.author_tenant_id = r.integer(7);
  m.author_id = r.integer_or_null(8);
  m.author_name = r.text(9);
  m.created_at_us = r.integer(10);
  m.updated_at_us = r.integer(11);
  return m;
}

std::vector<std::int64_t> audience_of(db::Transaction& tx, Id id) {
  std::vector<std::int64_t> out;
  for (const auto& row : tx.query("SELECT tenant_id FROM platform_message_tenants WHERE message_id = $1"
                                  " ORDER BY tenant_id",
                                  {id})) {
    out.push_back(row.integer(0));
  }
  return out;
}

void replace_audience(db::Transaction& tx, const Message& m) {
  tx.execute("DELETE FROM platform_message_tenants WHERE message_id = $1", {m.id});
  if (m.audience != "tenants") return;
  for (auto tenant : m.tenant_ids) {
    tx.execute("INSERT INTO platform_message_tenants (message_id, tenant_id) VALUES ($1, $2)", {m.id, tenant});
  }
}

std::int64_t views_of(db::Transaction& tx, Id id) {
  return tx.query_one("SELECT COUNT(*) FROM message_views WHERE message_id = $1", {id})->integer(0);
}

}  // namespace

void insert_message(db::Transaction& tx, const Message& m) {
  tx.execute("INSERT INTO platform_messages (id, title, body, severity, audience, publish_from_us, publish_until_us,"
             " author_tenant_id, author_id, author_name, created_at_us, updated_at_us)"
             " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
             {m.id, m.title, m.body, m.severity, m.audience, m.publish_from_us, m.publish_until_us, m.author_tenant_id,
              m.author_id, m.author_name, m.created_at_us, m.updated_at_us});
  replace_audience(tx, m);
}

void update_message(db::Transaction& tx, const Message& m) {
  tx.execute("UPDATE platform_messages SET title = $2, body = $3, severity = $4, audience = $5, publish_from_us = $6,"
             " publish_until_us = $7, updated_at_us = $8 WHERE id = $1",
             {m.id, m.title, m.body, m.severity, m.audience, m.publish_from_us, m.publish_until_us, m.updated_at_us});
  replace_audience(tx, m);
}

void delete_message(db::Transaction& tx, Id id, std::int64_t now_us) {
  tx.execute("UPDATE platform_messages SET deleted_at_us = $2 WHERE id = $1", {id, now_us});
}

std::optional<Message> find_message(db::Transaction& tx, Id id) {
  auto row = tx.query_one(std::string("SELECT ") + message_columns +
                              " FROM platform_messages m WHERE m.id = $1 AND m.deleted_at_us IS NULL",
                          {id});
  if (!row) return std::nullopt;
  auto m = message_from(*row);
  m.tenant_ids = audience_of(tx, id);
  m.views = views_of(tx, id);
  return m;
}

std::vector<Message> list_messages(db::Transaction& tx, std::optional<Id> before_id, int limit) {
  db::Where where(std::string("SELECT ") + message_columns + " FROM platform_messages m WHERE m.deleted_at_us IS NULL",
                  {});
  std::vector<Message> out;
  for (const auto& row : where.before("m.id", before_id).order_by("m.id DESC", limit).query(tx)) {
    out.push_back(message_from(row));
  }
  for (auto& m : out) {
    m.tenant_ids = audience_of(tx, m.id);
    m.views = views_of(tx, m.id);
  }
  return out;
}

std::vector<InboxItem> inbox(db::Transaction& tx, std::int64_t tenant_id, std::int64_t operator_id,
                             std::int64_t now_us, const InboxFilter& f) {
  db::Where where(std::string("SELECT ") + message_columns +
                      ", v.viewed_at_us FROM platform_messages m LEFT JOIN message_views v ON v.tenant_id = $1"
                      " AND v.operator_id = $2 AND v.message_id = m.id WHERE" +
                      visible_to_tenant,
                  {tenant_id, operator_id, now_us});
  if (f.viewed) where.condition(*f.viewed ? "v.viewed_at_us IS NOT NULL" : "v.viewed_at_us IS NULL");
  where.equal("m.severity", f.severity).before("m.id", f.before_id).order_by("m.id DESC", f.limit);
  std::vector<InboxItem> out;
  for (const auto& row : where.query(tx)) out.push_back({message_from(row), row.integer_or_null(12)});
  return out;
}

std::optional<InboxItem> inbox_item(db::Transaction& tx, std::int64_t tenant_id, std::int64_t operator_id,
                                    std::int64_t now_us, Id id) {
  auto row = tx.query_one(std::string("SELECT ") + message_columns +
                              ", v.viewed_at_us FROM platform_messages m LEFT JOIN message_views v ON v.tenant_id = $1"
                              " AND v.operator_id = $2 AND v.message_id = m.id WHERE m.id = $4 AND" +
                              visible_to_tenant,
                          {tenant_id, operator_id, now_us, id});
  if (!row) return std::nullopt;
  return InboxItem{message_from(*row), row->integer_or_null(12)};
}

UnreadCount unread(db::Transaction& tx, std::int64_t tenant_id, std::int64_t operator_id, std::int64_t now_us) {
  auto row = tx.query_one(
      std::string("SELECT COUNT(*), COALESCE(SUM(CASE WHEN m.severity = 'warning' THEN 1 ELSE 0 END), 0)"
                  " FROM platform_messages m LEFT JOIN message_views v ON v.tenant_id = $1 AND v.operator_id = $2"
                  " AND v.message_id = m.id WHERE v.viewed_at_us IS NULL AND") +
          visible_to_tenant,
      {tenant_id, operator_id, now_us});
  return UnreadCount{row->integer(0), row->integer(1)};
}

void mark_viewed(db::Transaction& tx, std::int64_t tenant_id, std::int64_t operator_id, Id id, std::int64_t now_us) {
  tx.execute("INSERT INTO message_views (tenant_id, operator_id, message_id, viewed_at_us) VALUES ($1, $2, $3, $4)"
             " ON CONFLICT (tenant_id, operator_id, message_id) DO NOTHING",
             {tenant_id, operator_id, id, now_us});
}

std::vector<TenantSummary> tenants(db::Transaction& tx) {
  std::vector<TenantSummary> out;
  for (const auto& row : tx.query("SELECT id, name, status, platform FROM tenants ORDER BY name, id")) {
    out.push_back({row.integer(0), row.text(1), row.text(2), row.integer(3) != 0, {}});
  }
  for (auto& t : out) t.resources = resources(tx, t.id);
  return out;
}

bool tenant_exists(db::Transaction& tx, std::int64_t tenant_id) {
  return tx.query_one("SELECT 1 FROM tenants WHERE id = $1", {tenant_id}).has_value();
}

std::map<std::string, bool> resources(db::Transaction& tx, std::int64_t tenant_id) {
  std::map<std::string, bool> out;
  for (const auto& r : known_resources()) out[r] = false;
  for (const auto& row : tx.query("SELECT resource, enabled FROM tenant_resources WHERE tenant_id = $1", {tenant_id})) {
    out[row.text(0)] = row.integer(1) != 0;
  }
  return out;
}

void set_resource(db::Transaction& tx, std::int64_t tenant_id, const std::string& resource, bool enabled,
                  std::optional<std::int64_t> by, const std::string& by_name, std::int64_t now_us) {
  tx.execute("INSERT INTO tenant_resources (tenant_id, resource, enabled, updated_by, updated_by_name, updated_at_us)"
             " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, resource) DO UPDATE SET"
             " enabled = excluded.enabled, updated_by = excluded.updated_by,"
             " updated_by_name = excluded.updated_by_name, updated_at_us = excluded.updated_at_us",
             {tenant_id, resource, enabled ? 1 : 0, by, by_name, now_us});
}

}  // namespace rg::messages::store
