#pragma once
// SQL for push_devices, push_notifications and push_deliveries.
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "platform/push/model.hpp"

namespace rg::push::store {

void insert_device(db::Transaction& tx, const Device& d, const std::string& token_hash);
void reactivate_device(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::string& customer_ref,
                       const std::string& platform, std::int64_t now_us);
void set_device_status(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::string& status,
                       const std::optional<std::string>& error, std::int64_t now_us);
std::optional<Device> find_device(db::Transaction& tx, std::int64_t tenant_id, Id id);
std::optional<Device> find_device_by_hash(db::Transaction& tx, std::int64_t tenant_id, const std::string& token_hash);
std::vector<Device> list_devices(db::Transaction& tx, std::int64_t tenant_id, const DeviceFilter& f);
std::vector<Device> active_devices(db::Transaction& tx, std::int64_t tenant_id, const std::string& customer_ref);

void insert_notification(db::Transaction& tx, const Notification& n);
std::optional<Notification> find_notification(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock = false);
std::vector<Notification> list_notifications(db::Transaction& tx, std::int64_t tenant_id, const NotificationFilter& f);
void update_notification(db::Transaction& tx, const Notification& n);

void insert_delivery(db::Transaction& tx, std::int64_t tenant_id, Id notification_id, Id device_id,
                     std::int64_t now_us);
std::vector<Delivery> deliveries(db::Transaction& tx, std::int64_t tenant_id, Id notification_id);
void update_delivery(db::Transaction& tx, std::int64_t tenant_id, Id notification_id, const Delivery& d,
                     std::int64_t now_us);

}  // namespace rg::push::store
