#include "platform/messages/service.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "core/calendar.hpp"
#include "platform/messages/store.hpp"

namespace rg::messages {

namespace json = boost::json;

const std::vector<std::string>& known_resources() {
  static const std::vector<std::string> all = {resource_messaging};
  return all;
}

namespace {

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

json::value iso(const std::optional<std::int64_t>& us) {
  return us ? json::value(format_iso8601_utc(*us)) : json::value(nullptr);
}

}  // namespace

std::optional<Id> parse_id(std::string_view text) {
  if (!digits(text) || text.size() > 18) return std::nullopt;
  return static_cast<Id>(std::stoll(std::string(text)));
}

Result<std::int64_t> parse_instant(std::string_view text, std::string_view field) {
  const Error bad = Error::invalid(std::string(field), "Use an ISO 8601 instant such as 2026-12-01T09:00:00-03:00.");
  if (text.size() < 17 || text[10] != 'T') return bad;
  auto date = parse_iso_date(text.substr(0, 10), field);
  if (!date) return bad;
  std::string_view rest = text.substr(11);
  auto two = [&](std::string_view s, int max, int& out) {
    if (s.size() < 2 || !digits(s.substr(0, 2))) return false;
    out = (s[0] - '0') * 10 + (s[1] - '0');
    return out <= max;
  };
  int hour = 0, minute = 0, second = 0;
  if (!two(rest, 23, hour) || rest.size() < 5 || rest[2] != ':' || !two(rest.substr(3), 59, minute)) return bad;
  rest.remove_prefix(5);
  if (!rest.empty() && rest[0] == ':') {
    if (!two(rest.substr(1), 59, second)) return bad;
    rest.remove_prefix(3);
  }
  std::int64_t micros = 0;
  if (!rest.empty() && rest[0] == '.') {
    std::size_t n = 1;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    const auto fraction = rest.substr(1, n - 1);
    if (fraction.empty() || fraction.size() > 9) return bad;
    std::string six(fraction.substr(0, std::min<std::size_t>(6, fraction.size())));
    six.resize(6, '0');
    micros = std::stoll(six);
    rest.remove_prefix(n);
  }
  std::int64_t offset_s = 0;
  if (rest == "Z") {
    offset_s = 0;
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int oh = 0, om = 0;
    if (!two(rest.substr(1), 14, oh) || !two(rest.substr(4), 59, om)) return bad;
    offset_s = (rest[0] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  } else {
    return bad;
  }
  const std::int64_t local_s = to_days(*date) * 86'400 + hour * 3600 + minute * 60 + second;
  return (local_s - offset_s) * microseconds_per_second + micros;
}

std::string message_json(const Message& m, bool admin) {
  json::object o{{"id", std::to_string(m.id)},
                 {"title", m.title},
                 {"body", m.body},
                 {"severity", m.severity},
                 {"publish_from", iso(m.publish_from_us)},
                 {"publish_until", iso(m.publish_until_us)},
                 {"author_name", m.author_name},
                 {"created_at", format_iso8601_utc(m.created_at_us)},
                 {"updated_at", format_iso8601_utc(m.updated_at_us)}};
  if (admin) {
    json::array tenants;
    for (auto t : m.tenant_ids) tenants.push_back(json::value(std::to_string(t)));
    o["audience"] = m.audience;
    o["tenant_ids"] = std::move(tenants);
    o["views"] = m.views;
  }
  return json::serialize(o);
}

std::string inbox_json(const InboxItem& item) {
  auto o = json::parse(message_json(item.message, false)).as_object();
  o["viewed"] = item.viewed_at_us.has_value();
  o["viewed_at"] = iso(item.viewed_at_us);
  return json::serialize(o);
}

std::string tenant_json(const TenantSummary& t) {
  json::object resources;
  for (const auto& [name, enabled] : t.resources) resources[name] = enabled;
  return json::serialize(json::object{{"id", std::to_string(t.id)},
                                      {"name", t.name},
                                      {"status", t.status},
                                      {"platform", t.platform},
                                      {"resources", std::move(resources)}});
}

MessageService::MessageService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit)
    : db_(db), clock_(clock), ids_(ids), audit_(audit) {}

Status MessageService::validate(db::Transaction& tx, const Message& m) {
  std::vector<FieldError> errors;
  if (m.title.empty() || m.title.size() > title_length_max) errors.push_back({"title", "Between 1 and 200 characters."});
  if (m.body.empty() || m.body.size() > body_length_max) errors.push_back({"body", "Between 1 and 10000 characters."});
  if (m.severity != "info" && m.severity != "warning") errors.push_back({"severity", "Use info or warning."});
  if (m.audience != "all" && m.audience != "tenants") errors.push_back({"audience", "Use all or tenants."});
  if (m.audience == "tenants") {
    if (m.tenant_ids.empty()) errors.push_back({"tenant_ids", "Choose at least one institution."});
    if (m.tenant_ids.size() > audience_tenants_max) errors.push_back({"tenant_ids", "At most 1000 institutions."});
    for (auto t : m.tenant_ids) {
      if (!store::tenant_exists(tx, t)) {
        errors.push_back({"tenant_ids", "Unknown institution " + std::to_string(t) + "."});
        break;
      }
    }
  }
  if (m.publish_from_us && m.publish_until_us && *m.publish_until_us <= *m.publish_from_us) {
    errors.push_back({"publish_until", "Must be after publish_from."});
  }
  if (errors.empty()) return {};
  return Error{ErrorCode::invalid, errors.front().message, std::move(errors)};
}

std::vector<Message> MessageService::broadcasts(std::optional<Id> before_id, int limit) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::list_messages(tx, before_id, limit); });
}

Result<Message> MessageService::broadcast(Id id) {
  auto m = db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::find_message(tx, id); });
  if (!m) return Error::not_found("Message not found.");
  return *m;
}

namespace {

void apply(Message& m, const MessageInput& in) {
  if (in.title) m.title = *in.title;
  if (in.body) m.body = *in.body;
  if (in.severity) m.severity = *in.severity;
  if (in.audience) m.audience = *in.audience;
  if (in.tenant_ids) {
    m.tenant_ids = *in.tenant_ids;
    std::sort(m.tenant_ids.begin(), m.tenant_ids.end());
    m.tenant_ids.erase(std::unique(m.tenant_ids.begin(), m.tenant_ids.end()), m.tenant_ids.end());
  }
  if (m.audience == "all") m.tenant_ids.clear();
  if (in.publish_from_us) m.publish_from_us = *in.publish_from_us;
  if (in.publish_until_us) m.publish_until_us = *in.publish_until_us;
}

}  // namespace

Result<Message> MessageService::create(const audit::Entry& who, const MessageInput& input) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Message> {
    Message m;
    apply(m, input);
    m.id = ids_.next();
    m.author_tenant_id = who.tenant_id;
    m.author_id = who.actor_id;
    m.author_name = who.actor_name;
    m.created_at_us = m.updated_at_us = clock_.now_us();
    if (auto valid = validate(tx, m); !valid) return valid.error();
    store::insert_message(tx, m);
    audit_.record(tx, who, "platform_message.created", "platform_message", std::to_string(m.id), "",
                  message_json(m, true));
    return m;
  });
}

Result<Message> MessageService::update(const audit::Entry& who, Id id, const MessageInput& input) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Message> {
    auto before = store::find_message(tx, id);
    if (!before) return Error::not_found("Message not found.");
    Message m = *before;
    apply(m, input);
    m.updated_at_us = clock_.now_us();
    if (auto valid = validate(tx, m); !valid) return valid.error();
    store::update_message(tx, m);
    audit_.record(tx, who, "platform_message.updated", "platform_message", std::to_string(id),
                  message_json(*before, true), message_json(m, true));
    return m;
  });
}

Status MessageService::remove(const audit::Entry& who, Id id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto before = store::find_message(tx, id);
    if (!before) return Error::not_found("Message not found.");
    store::delete_message(tx, id, clock_.now_us());
    audit_.record(tx, who, "platform_message.deleted", "platform_message", std::to_string(id),
                  message_json(*before, true));
    return {};
  });
}

std::vector<InboxItem> MessageService::inbox(std::int64_t tenant_id, std::int64_t operator_id, const InboxFilter& f) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    return store::inbox(tx, tenant_id, operator_id, clock_.now_us(), f);
  });
}

Result<InboxItem> MessageService::open(std::int64_t tenant_id, std::int64_t operator_id, Id id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<InboxItem> {
    const std::int64_t now = clock_.now_us();
    auto item = store::inbox_item(tx, tenant_id, operator_id, now, id);
    if (!item) return Error::not_found("Message not found.");
    if (!item->viewed_at_us) {
      store::mark_viewed(tx, tenant_id, operator_id, id, now);
      item->viewed_at_us = now;
    }
    return *item;
  });
}

UnreadCount MessageService::unread(std::int64_t tenant_id, std::int64_t operator_id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    return store::unread(tx, tenant_id, operator_id, clock_.now_us());
  });
}

std::vector<TenantSummary> MessageService::tenants() {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::tenants(tx); });
}

Result<TenantSummary> MessageService::set_resources(const audit::Entry& who, std::int64_t tenant_id,
                                                    const std::map<std::string, bool>& wanted) {
  for (const auto& [name, enabled] : wanted) {
    (void)enabled;
    if (std::find(known_resources().begin(), known_resources().end(), name) == known_resources().end()) {
      return Error::invalid(name, "Unknown resource '" + name + "'.");
    }
  }
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<TenantSummary> {
    if (!store::tenant_exists(tx, tenant_id)) return Error::not_found("Institution not found.");
    const auto before = store::resources(tx, tenant_id);
    for (const auto& [name, enabled] : wanted) {
      store::set_resource(tx, tenant_id, name, enabled, who.actor_id, who.actor_name, clock_.now_us());
    }
    for (const auto& t : store::tenants(tx)) {
      if (t.id != tenant_id) continue;
      TenantSummary old = t;
      old.resources = before;
      // Recorded in the platform administrator's chain: the change is theirs.
      audit_.record(tx, who, "tenant.resources_changed", "tenant", std::to_string(tenant_id), tenant_json(old),
                    tenant_json(t));
      return t;
    }
    return Error::not_found("Institution not found.");
  });
}

std::map<std::string, bool> MessageService::resources(std::int64_t tenant_id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::resources(tx, tenant_id); });
}

bool MessageService::resource_enabled(db::Transaction& tx, std::int64_t tenant_id, const std::string& resource) {
  const auto all = store::resources(tx, tenant_id);
  const auto it = all.find(resource);
  return it != all.end() && it->second;
}

}  // namespace rg::messages
