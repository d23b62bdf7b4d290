#pragma once
// Push notifications to customers' apps (PLT-11): plain types, no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"

namespace rg::push {

// A customer's app installation. Customers are referred to by `customer_ref` (the tenant's own
// customer id) until the accounts module links them.
struct Device {
  std::int64_t tenant_id = 0;
  Id id = 0;
  std::string customer_ref;
  std::string platform;    // android | ios
  std::string token;       // the push address; never rendered nor logged
  std::string token_hint;  // "…a1b2": the last 4 characters
  std::string status = "active";  // active | invalid | unregistered | removed
  std::optional<std::string> last_error;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
};

struct Notification {
  std::int64_t tenant_id = 0;
  Id id = 0;
  std::string customer_ref;
  std::string title;
  std::string body;
  std::optional<std::string> data;  // JSON object of strings (deep link etc.)
  std::string status = "queued";    // queued | sent | delivered | failed
  int attempts = 0;
  std::optional<std::string> last_error;
  std::optional<std::int64_t> created_by;
  std::string created_by_name;
  std::int64_t created_at_us = 0;
  std::optional<std::int64_t> sent_at_us;
  std::optional<std::int64_t> delivered_at_us;
};

// One notification to one device.
struct Delivery {
  Id device_id = 0;
  std::string platform;
  std::string token_hint;
  std::string status = "queued";  // queued | sent | delivered | failed
  std::optional<Id> gateway_message_id;
  std::optional<std::string> error;
  int attempts = 0;
};

struct DeviceFilter {
  std::optional<std::string> customer_ref;
  std::optional<std::string> status;
  std::optional<Id> before_id;
  int limit = 50;
};

struct NotificationFilter {
  std::optional<std::string> customer_ref;
  std::optional<std::string> status;
  std::optional<Id> before_id;
  int limit = 50;
};

// What the gateway was asked to deliver.
struct GatewayRequest {
  std::int64_t tenant_id = 0;
  std::string collapse_id;  // the notification id: the same notification retried
  std::string platform;
  std::string token;
  std::string title;
  std::string body;
  std::optional<std::string> data;
};

enum class Outcome { accepted, invalid_token, unregistered, unavailable, payload_too_large };
const char* outcome_name(Outcome outcome);

struct GatewayResult {
  Outcome outcome = Outcome::unavailable;
  std::optional<Id> message_id;  // when accepted
};

// A row of the sandbox gateway's log.
struct GatewayMessage {
  std::int64_t tenant_id = 0;
  Id id = 0;
  std::string collapse_id;
  std::string platform;
  std::string token_hint;
  std::string title;
  std::string body;
  std::optional<std::string> data;
  std::string outcome;
  std::int64_t received_at_us = 0;
  std::optional<std::int64_t> delivered_at_us;
};

inline constexpr std::size_t customer_ref_length_max = 100;
inline constexpr std::size_t title_length_max = 100;
inline constexpr std::size_t body_length_max = 1000;
inline constexpr std::size_t data_bytes_max = 2000;
inline constexpr std::size_t token_length_max = 4096;
inline constexpr std::size_t gateway_payload_bytes_max = 4096;  // APNs' limit; FCM's is the same
inline constexpr std::size_t devices_per_customer_max = 20;

}  // namespace rg::push
