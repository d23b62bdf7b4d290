#pragma once
// The push gateway seam and its sandbox implementation.
//
// PushGateway is what a real FCM/APNs client will implement. SandboxGateway is a real,
// deterministic gateway that runs in-process: it validates tokens with a checksum rule,
// refuses some deterministically, records every request in push_gateway_messages (listed by
// GET /api/v1/push/gateway/messages) and "delivers" accepted ones at once, so the receipt that
// moves a notification from sent to delivered comes from its records.
//
// Sandbox tokens: "sbx-" + platform letter (a = android, i = ios) + "-" + 32 lowercase hex +
// "-" + 2 hex check, the check being the first byte of SHA-256("<letter>-<32 hex>").
//   - malformed, wrong check, or a letter that does not match the device → invalid_token
//   - hex starting with "00" → unregistered (the app was removed from the phone)
//   - hex starting with "ee" → unavailable on the first request of each notification (a
//     transient gateway error), accepted when retried
//   - title + body + data over 4096 bytes → payload_too_large
//   - anything else → accepted and delivered
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "platform/push/model.hpp"

namespace rg::push {

class PushGateway {
 public:
  virtual ~PushGateway() = default;
  virtual GatewayResult send(const GatewayRequest& request) = 0;
  // When the device confirmed an accepted message; nothing while it has not.
  virtual std::optional<std::int64_t> delivered_at(std::int64_t tenant_id, Id message_id) = 0;
};

// A valid sandbox token for `platform` (android | ios) and 32 hex characters.
std::string sandbox_token(const std::string& platform, const std::string& hex32);
// The outcome the sandbox gives a token on a device of `platform`, before the per-request rules
// (unavailable-once, payload size).
Outcome sandbox_token_outcome(const std::string& platform, const std::string& token);

class SandboxGateway final : public PushGateway {
 public:
  SandboxGateway(db::Database& db, const Clock& clock, IdGenerator& ids);
  GatewayResult send(const GatewayRequest& request) override;
  std::optional<std::int64_t> delivered_at(std::int64_t tenant_id, Id message_id) override;
  // What it received for a tenant, newest first.
  std::vector<GatewayMessage> received(std::int64_t tenant_id, std::optional<Id> before_id, int limit);

 private:
  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace rg::push
