#pragma once
// Push notifications (PLT-11): customers' devices, a notification outbox per customer with
// delivery status (queued → sent → delivered, or failed) and a job that hands each notification
// to the push gateway (the sandbox one until FCM/APNs credentials exist).
//
// Sending needs the tenant's `messaging` resource, switched by a platform administrator; with it
// off the request is a 409 naming the resource. The notification, its per-device delivery rows
// and the delivery job are written in one transaction. The deliver job calls the gateway for
// every queued device outside any transaction of ours (the gateway is another system), then
// records the outcomes: accepted → sent; invalid or unregistered token → failed and the device
// is marked so it is not used again; unavailable → retried with the queue's backoff up to
// deliver_attempts_max, then failed. A receipts job then asks the gateway which sent messages
// reached the phone (→ delivered).
//
// Device tokens are push addresses the gateway needs verbatim, so they are stored as given
// (with their SHA-256 to find a re-registered token); the API only ever shows the last four
// characters, and no log line carries them.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "platform/audit/service.hpp"
#include "platform/jobs/service.hpp"
#include "platform/messages/service.hpp"
#include "platform/push/gateway.hpp"
#include "platform/push/model.hpp"

namespace rg::push {

inline constexpr const char* deliver_job_kind = "platform.push.deliver";
inline constexpr const char* receipts_job_kind = "platform.push.receipts";
inline constexpr int deliver_attempts_max = 8;
inline constexpr int receipts_attempts_max = 10;

struct NotificationInput {
  std::string customer_ref;
  std::string title;
  std::string body;
  std::optional<std::string> data;  // a JSON object whose values are strings
};

std::string device_json(const Device& d);
std::string notification_json(const Notification& n, const std::vector<Delivery>* deliveries);
std::string gateway_message_json(const GatewayMessage& m);

class PushService {
 public:
  PushService(db::Database& db, const Clock& clock, IdGenerator& ids, jobs::JobQueue& jobs, audit::AuditLog& audit,
              messages::MessageService& resources, PushGateway& gateway);

  // Registers (or re-activates and re-assigns) a device token.
  Result<Device> register_device(const audit::Entry& who, const std::string& customer_ref,
                                 const std::string& platform, const std::string& token);
  Status remove_device(const audit::Entry& who, Id id);
  std::vector<Device> devices(std::int64_t tenant_id, const DeviceFilter& filter);

  Result<Notification> send(const audit::Entry& who, const NotificationInput& input);
  std::vector<Notification> notifications(std::int64_t tenant_id, const NotificationFilter& filter);
  Result<std::pair<Notification, std::vector<Delivery>>> notification(std::int64_t tenant_id, Id id);

  // Job handlers.
  Status deliver(const jobs::Job& job);
  Status collect_receipts(const jobs::Job& job);

 private:
  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  jobs::JobQueue& jobs_;
  audit::AuditLog& audit_;
  messages::MessageService& resources_;
  PushGateway& gateway_;
};

}  // namespace rg::push
