#include "platform/push/store.hpp"

#include "db/where.hpp"

namespace rg::push::store {

namespace {

constexpr const char* device_columns =
    "tenant_id, id, customer_ref, platform, token, token_hint, status, last_error, created_at_us, updated_at_us";
constexpr const char* notification_columns =
    "tenant_id, id, customer_ref, title, body, data, status, attempts, last_error, created_by, created_by_name,"
    " created_at_us, sent_at_us, delivered_at_us";

Device device_from(const db::Row& r) {
  return Device{r.integer(0), r.integer(1), r.text(2),          r.text(3),    r.text(4),
                r.text(5),    r.text(6),    r.text_or_null(7),  r.integer(8), r.integer(9)};
}

Notification notification_from(const db::Row& r) {
  Notification n;
  n.tenant_id = r.integer(0);
  n.id = r.integer(1);
  n.customer_ref = r.text(2);
  n.title = r.text(3);
  n.body = r.text(4);
  n.data = r.text_or_null(5);
  n.status = r.text(6);
  n.attempts = static_cast<int>(r.integer(7));
  n.last_error = r.text_or_null(8);
  n.created_by = r.integer_or_null(9);
  n.created_by_name = r.text(10);
  n.created_at_us = r.integer(11);
  n.sent_at_us = r.integer_or_null(12);
  n.delivered_at_us = r.integer_or_null(13);
  return n;
}

}  // namespace

void insert_device(db::Transaction& tx, const Device& d, const std::string& token_hash) {
  tx.execute("INSERT INTO push_devices (tenant_id, id, customer_ref, platform, token, token_hash, token_hint, status,"
             " last_error, created_at_us, updated_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
             {d.tenant_id, d.id, d.customer_ref, d.platform, d.token, token_hash, d.token_hint, d.status, d.last_error,
              d.created_at_us, d.updated_at_us});
}

void reactivate_device(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::string& customer_ref,
                       const std::string& platform, std::int64_t now_us) {
  tx.execute("UPDATE push_devices SET customer_ref = $3, platform = $4, status = 'active', last_error = NULL,"
             " updated_at_us = $5 WHERE tenant_id = $1 AND id = $2",
             {tenant_id, id, customer_ref, platform, now_us});
}

void set_device_status(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::string& status,
                       const std::optional<std::string>& error, std::int64_t now_us) {
  tx.execute("UPDATE push_devices SET status = $3, last_error = $4, updated_at_us = $5 WHERE tenant_id = $1 AND id = $2",
             {tenant_id, id, status, error, now_us});
}

std::optional<Device> find_device(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  auto row = tx.query_one(std::string("SELECT ") + device_columns + " FROM push_devices WHERE tenant_id = $1 AND id = $2",
                          {tenant_id, id});
  if (!row) return std::nullopt;
  return device_from(*row);
}

std::optional<Device> find_device_by_hash(db::Transaction& tx, std::int64_t tenant_id, const std::string& token_hash) {
  auto row = tx.query_one(std::string("SELECT ") + device_columns +
                              " FROM push_devices WHERE tenant_id = $1 AND token_hash = $2",
                          {tenant_id, token_hash});
  if (!row) return std::nullopt;
  return device_from(*row);
}

std::vector<Device> list_devices(db::Transaction& tx, std::int64_t tenant_id, const DeviceFilter& f) {
  db::Where where(std::string("SELECT ") + device_columns + " FROM push_devices WHERE tenant_id = $1", {tenant_id});
  where.equal("customer_ref", f.customer_ref).equal("status", f.status).before("id", f.before_id);
  std::vector<Device> out;
  for (const auto& row : where.order_by("id DESC", f.limit).query(tx)) out.push_back(device_from(row));
  return out;
}

std::vector<Device> active_devices(db::Transaction& tx, std::int64_t tenant_id, const std::string& customer_ref) {
  std::vector<Device> out;
  for (const auto& row : tx.query(std::string("SELECT ") + device_columns +
                                      " FROM push_devices WHERE tenant_id = $1 AND customer_ref = $2"
                                      " AND status = 'active' ORDER BY id",
                                  {tenant_id, customer_ref})) {
    out.push_back(device_from(row));
  }
  return out;
}

void insert_notification(db::Transaction& tx, const Notification& n) {
  tx.execute(std::string("INSERT INTO push_notifications (") + notification_columns +
                 ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
             {n.tenant_id, n.id, n.customer_ref, n.title, n.body, n.data, n.status, n.attempts, n.last_error,
              n.created_by, n.created_by_name, n.created_at_us, n.sent_at_us, n.delivered_at_us});
}

std::optional<Notification> find_notification(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock) {
  auto row = tx.query_one(std::string("SELECT ") + notification_columns +
                              " FROM push_notifications WHERE tenant_id = $1 AND id = $2" +
                              (lock ? tx.for_update() : ""),
                          {tenant_id, id});
  if (!row) return std::nullopt;
  return notification_from(*row);
}

std::vector<Notification> list_notifications(db::Transaction& tx, std::int64_t tenant_id, const NotificationFilter& f) {
  db::Where where(std::string("SELECT ") + notification_columns + " FROM push_notifications WHERE tenant_id = $1",
                  {tenant_id});
  where.equal("customer_ref", f.customer_ref).equal("status", f.status).before("id", f.before_id);
  std::vector<Notification> out;
  for (const auto& row : where.order_by("id DESC", f.limit).query(tx)) out.push_back(notification_from(row));
  return out;
}

void update_notification(db::Transaction& tx, const Notification& n) {
  tx.execute("UPDATE push_notifications SET status = $3, attempts = $4, last_error = $5, sent_at_us = $6,"
             " delivered_at_us = $7 WHERE tenant_id = $1 AND id = $2",
             {n.tenant_id, n.id, n.status, n.attempts, n.last_error, n.sent_at_us, n.delivered_at_us});
}

void insert_delivery(db::Transaction& tx, std::int64_t tenant_id, Id notification_id, Id device_id,
                     std::int64_t now_us) {
  tx.execute("INSERT INTO push_deliveries (tenant_id, notification_id, device_id, status, attempts, updated_at_us)"
             " VALUES ($1, $2, $3, 'queued', 0, $4)",
             {tenant_id, notification_id, device_id, now_us});
}

std::vector<Delivery> deliveries(db::Transaction& tx, std::int64_t tenant_id, Id notification_id) {
  std::vector<Delivery> out;
  for (const auto& row : tx.query("SELECT d.device_id, v.platform, v.token_hint, d.status, d.gateway_message_id,"
                                  " d.error, d.attempts FROM push_deliveries d JOIN push_devices v"
                                  " ON v.tenant_id = d.tenant_id AND v.id = d.device_id"
                                  " WHERE d.tenant_id = $1 AND d.notification_id = $2 ORDER BY d.device_id",
                                  {tenant_id, notification_id})) {
    out.push_back({row.integer(0), row.text(1), row.text(2), row.text(3), row.integer_or_null(4), row.text_or_null(5),
                   static_cast<int>(row.integer(6))});
  }
  return out;
}

void update_delivery(db::Transaction& tx, std::int64_t tenant_id, Id notification_id, const Delivery& d,
                     std::int64_t now_us) {
  tx.execute("UPDATE push_deliveries SET status = $4, gateway_message_id = $5, error = $6, attempts = $7,"
             " updated_at_us = $8 WHERE tenant_id = $1 AND notification_id = $2 AND device_id = $3",
             {tenant_id, notification_id, d.device_id, d.status, d.gateway_message_id, d.error, d.attempts, now_us});
}

}  // namespace rg::push::store
