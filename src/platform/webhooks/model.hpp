#pragma once
// Webhooks (PLT-08): plain types, no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"

namespace rg::webhooks {

struct Trigger {
  std::int64_t tenant_id = 0;
  Id id = 0;
  std::string url;
  std::string description;
  std::vector<std::string> event_types;  // stored space-separated
  bool active = true;
  std::string secret;  // "whsec_…"; never rendered except on create/rotate
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
  // Endpoint health (see WebhookService::note_outcome): failed attempts in a row and when the
  // streak began; both reset by a success or by reactivating the trigger.
  int consecutive_failures = 0;
  std::optional<std::int64_t> failing_since_us;
  // Set when the trigger was deactivated automatically (disabled_reason_failing); cleared when
  // it is activated again.
  std::optional<std::string> disabled_reason;
  std::optional<std::int64_t> disabled_at_us;
};

inline constexpr const char* disabled_reason_failing = "endpoint_failing";

struct Delivery {
  std::int64_t tenant_id = 0;
  Id id = 0;
  Id trigger_id = 0;
  std::optional<Id> event_id;  // none for simulations
  std::string event_type;
  bool is_test = false;
  std::string payload;  // the exact JSON body POSTed (stable across retries and resends)
  std::string status;   // queued | delivered | failed
  int attempts = 0;
  std::optional<int> last_status_code;
  std::optional<std::int64_t> last_latency_ms;
  std::optional<std::string> last_response_excerpt;
  std::optional<std::string> last_error;
  std::optional<std::int64_t> next_attempt_at_us;
  std::int64_t created_at_us = 0;
  std::optional<std::int64_t> delivered_at_us;
};

// One HTTP attempt of a delivery (the delivery log).
struct Attempt {
  int attempt_no = 0;  // from 1
  std::int64_t attempted_at_us = 0;
  std::optional<int> status_code;
  std::int64_t latency_ms = 0;
  std::string response_excerpt;
  std::optional<std::string> error;
  // The webhook-timestamp and webhook-signature headers the attempt sent (none for attempts
  // logged before they were recorded).
  std::optional<std::int64_t> webhook_timestamp;
  std::optional<std::string> signature;
};

// The triggers list's filters (all optional).
struct TriggerFilter {
  std::optional<bool> active;
  std::optional<std::string> event_type;  // triggers subscribed to it
  std::optional<Id> tag_id;               // PLT-13
};

struct DeliveryFilter {
  std::optional<Id> trigger_id;
  std::optional<std::string> status;
  std::optional<std::string> event_type;      // exact match
  std::optional<std::int64_t> created_from_us;  // inclusive
  std::optional<std::int64_t> created_to_us;    // exclusive
  std::optional<Id> before_id;  // keyset cursor, newest first
  int limit = 50;
};

// The outcome of one HTTP attempt.
struct SendResult {
  bool delivered = false;           // a 2xx answer
  std::optional<int> status_code;   // none when no HTTP answer came (timeout, refused, …)
  std::int64_t latency_ms = 0;
  std::string response_excerpt;     // at most response_excerpt_bytes_max
  std::string error;                // empty on a 2xx
};

struct SendRequest {
  std::string url;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

inline constexpr std::size_t response_excerpt_bytes_max = 1024;
inline constexpr std::size_t response_bytes_max = 64 * 1024;
inline constexpr long connect_timeout_ms = 5'000;
inline constexpr long total_timeout_ms = 10'000;  // default of WebhookOptions::timeout_ms

// Standard Webhooks signature: "v1," + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body))
// where key is the base64-decoded part of `secret` after "whsec_". Empty when the secret is
// malformed.
std::string sign(const std::string& secret, const std::string& msg_id, std::int64_t timestamp_s,
                 const std::string& body);
// "whsec_" + base64 of 24 random bytes.
std::string new_secret();
// Where deliveries may go (server-side request forgery guard). Public addresses always;
// loopback (127.0.0.0/8, ::1) only with `loopback` (tests, the demo, `make run`: `serve
// --webhook-allow-loopback`); private networks (10/8, 172.16/12, 192.168/16, 100.64/10,
// fc00::/7 — an ERP inside the institution's network) only with `private_networks`. Link-local
// (169.254/16 — cloud metadata services —, fe80::/10), unspecified, multicast and reserved
// addresses never. The rule is applied to the URL when a trigger is saved and to every address
// a connection is about to use, so a name that resolves (or re-resolves) to a forbidden address
// is refused too.
struct NetworkPolicy {
  bool loopback = false;
  bool private_networks = false;
};

enum class AddressClass { public_address, loopback, private_network, forbidden };
// The class of an IPv4/IPv6 address in text form (IPv4-mapped IPv6 is classified as IPv4);
// nullopt when `text` is not an IP address.
std::optional<AddressClass> classify_address(const std::string& text);
// Empty when `policy` allows the class; otherwise what the address is and when it is accepted,
// e.g. "a loopback address (accepted only with --webhook-allow-loopback)".
std::string refusal(AddressClass address_class, const NetworkPolicy& policy);

// https:// anywhere; http:// only for loopback hosts (127.0.0.1, ::1, localhost), and a host
// that is an IP address (or localhost) must be allowed by `policy`. The error names the field
// `url`.
bool valid_url(const std::string& url, std::string& why, const NetworkPolicy& policy);

// One POST: no redirects, no proxy, connect timeout min(5 s, timeout), total `timeout_ms`,
// response capped at 64 KiB, http(s) only, destinations checked against `policy`.
SendResult send(const SendRequest& request, long timeout_ms, const NetworkPolicy& policy);

// Many POSTs at a time over one curl multi handle that lives as long as the session, so
// connections to an endpoint are reused from one batch to the next (keep-alive). One thread.
class SendSession {
 public:
  explicit SendSession(NetworkPolicy policy);
  ~SendSession();
  SendSession(const SendSession&) = delete;
  SendSession& operator=(const SendSession&) = delete;
  // At most `parallel` at a time. Requests not started within `start_window_ms` are left out
  // (nullopt), so a batch lasts at most about start_window_ms + timeout_ms whatever the
  // endpoints do.
  std::vector<std::optional<SendResult>> send_all(const std::vector<SendRequest>& requests, long timeout_ms,
                                                  int parallel, long start_window_ms);

 private:
  NetworkPolicy policy_;
  void* multi_;  // CURLM*
};

}  // namespace rg::webhooks
