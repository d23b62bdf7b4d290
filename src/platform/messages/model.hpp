#pragma once
// Platform messages (PLT-12) and tenant resources: plain types, no I/O.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"

namespace rg::messages {

// A broadcast from the platform operator to every tenant ('all') or to a list ('tenants').
struct Message {
  Id id = 0;
  std::string title;
  std::string body;              // plain text; the console renders paragraphs, **bold** and links
  std::string severity = "info";  // info | warning (warnings are shown in the sign-in notice)
  std::string audience = "all";   // all | tenants
  std::vector<std::int64_t> tenant_ids;  // when audience = tenants
  std::optional<std::int64_t> publish_from_us;
  std::optional<std::int64_t> publish_until_us;
  std::int64_t author_tenant_id = 0;
  std::optional<std::int64_t> author_id;
  std::string author_name;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
  std::int64_t views = 0;  // operators who opened it (admin list only)
};

// A message as one operator sees it.
struct InboxItem {
  Message message;
  std::optional<std::int64_t> viewed_at_us;
};

struct MessageInput {
  std::optional<std::string> title;
  std::optional<std::string> body;
  std::optional<std::string> severity;
  std::optional<std::string> audience;
  std::optional<std::vector<std::int64_t>> tenant_ids;
  std::optional<std::optional<std::int64_t>> publish_from_us;  // set, or cleared with null
  std::optional<std::optional<std::int64_t>> publish_until_us;
};

struct InboxFilter {
  std::optional<bool> viewed;
  std::optional<std::string> severity;
  std::optional<Id> before_id;  // keyset cursor, newest first
  int limit = 50;
};

struct UnreadCount {
  std::int64_t count = 0;
  std::int64_t warnings = 0;  // unread with severity warning
};

// Resources a platform administrator switches per tenant. A tenant without a row has it off.
inline constexpr const char* resource_messaging = "messaging";  // push notifications to customers
const std::vector<std::string>& known_resources();

struct TenantSummary {
  std::int64_t id = 0;
  std::string name;
  std::string status;
  bool platform = false;
  std::map<std::string, bool> resources;  // every known resource
};

inline constexpr std::size_t title_length_max = 200;
inline constexpr std::size_t body_length_max = 10'000;
inline constexpr std::size_t audience_tenants_max = 1'000;

// "2026-12-01T10:00:00Z", "2026-12-01T07:00:00-03:00", optional fraction: UTC microseconds.
// Error::invalid naming `field` otherwise.
Result<std::int64_t> parse_instant(std::string_view text, std::string_view field);
// A decimal id as the API writes them ("7390112233445566"); nothing for anything else. Shared by
// the messages, push and support routes.
std::optional<Id> parse_id(std::string_view text);

}  // namespace rg::messages
