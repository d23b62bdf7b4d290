#include "platform/audit/routes.hpp"

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "http/json.hpp"

namespace rg::audit {

namespace {

constexpr std::size_t filter_chars_max = 200;

Error unauthorized() { return Error{ErrorCode::unauthorized, "Sign in to continue.", {}}; }

Result<Query> read_query(const http::Request& request) {
  http::QueryReader q(request);
  Query query;
  query.tenant_id = request.principal->tenant_id;
  query.limit = q.page_size();
  // The cursor is the last sequence number shown, not an id.
  query.before_seq = q.integer("cursor", 1, INT64_MAX, "cursor is not valid.");
  for (auto [key, field] : {std::pair{"action", &query.action}, std::pair{"target_type", &query.target_type},
                            std::pair{"target_id", &query.target_id}, std::pair{"q", &query.text}}) {
    *field = q.text(key, {.max_bytes = filter_chars_max, .clean = true});
  }
  query.actor_id = q.integer("actor_id", INT64_MIN, INT64_MAX, "actor_id must be an integer id.");
  // from/to are São Paulo calendar dates, both inclusive: to=2026-03-10 includes all of the 10th.
  const auto period = q.period();
  query.from_us = period.from_us;
  query.to_us = period.to_us;
  if (auto error = q.error()) return *error;
  return query;
}

// before/after are stored as JSON documents; anything else is shown as a string.
boost::json::value document(const std::string& text) {
  if (text.empty()) return nullptr;
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec) return boost::json::string(text);
  return value;
}

boost::json::object render(const StoredEntry& s) {
  const Entry& e = s.entry;
  boost::json::object item;
  item["id"] = std::to_string(s.id);  // 64-bit: a string keeps JavaScript exact
  item["seq"] = s.seq;
  item["at"] = format_iso8601_utc_ms(s.at_us);
  item["actor_type"] = e.actor_type;
  item["actor_id"] = e.actor_id ? boost::json::value(std::to_string(*e.actor_id)) : boost::json::value(nullptr);
  item["actor_name"] = e.actor_name;
  item["action"] = e.action;
  item["target_type"] = e.target_type;
  item["target_id"] = e.target_id;
  item["before"] = document(e.before_json);
  item["after"] = document(e.after_json);
  item["request_id"] = e.request_id;
  item["ip"] = e.ip;
  item["prev_hash"] = s.prev_hash;
  item["hash"] = s.hash;
  return item;
}

http::Response list(db::Database& db, AuditLog& log, http::Request& request) {
  if (!request.principal) return http::problem_for(request, unauthorized());
  auto query = read_query(request);
  if (!query) return http::problem_for(request, query.error());
  const Page page = db.transact(db::TxMode::read, [&](db::Transaction& tx) { return log.search_page(tx, *query); });
  boost::json::array items;
  items.reserve(page.items.size());
  for (const auto& entry : page.items) items.push_back(render(entry));
  boost::json::object body;
  body["items"] = std::move(items);
  body["next_cursor"] =
      page.next_before_seq ? boost::json::value(std::to_string(*page.next_before_seq)) : boost::json::value(nullptr);
  return http::json(body);
}

http::Response verify(db::Database& db, AuditLog& log, http::Request& request) {
  if (!request.principal) return http::problem_for(request, unauthorized());
  const std::int64_t tenant_id = request.principal->tenant_id;
  const VerifyReport report = db.transact(db::TxMode::read, [&](db::Transaction& tx) {
    return log.verify(tx, tenant_id).front();
  });
  boost::json::object body;
  body["ok"] = report.ok;
  body["entries"] = report.entries;
  body["first_broken_seq"] =
      report.first_broken_seq ? boost::json::value(*report.first_broken_seq) : boost::json::value(nullptr);
  body["problem"] = report.ok ? boost::json::value(nullptr) : boost::json::value(report.problem);
  return http::json(body);
}

}  // namespace

void register_audit_routes(http::Router& router, db::Database& db, AuditLog& log, const char* permission) {
  router.add("GET", "/api/v1/audit", permission, "Search the audit trail, newest first",
             [&db, &log](http::Request& request) { return list(db, log, request); });
  router.add("GET", "/api/v1/audit/verify", permission, "Verify the audit trail's hash chain",
             [&db, &log](http::Request& request) { return verify(db, log, request); });
}

exports::ListExport audit_export() {
  using exports::ColumnType;
  return {"/api/v1/audit", "audit", "Trilha de auditoria", "Audit trail",
          {{"seq", "Sequência", "Sequence", ColumnType::integer, 10},
           {"at", "Data/hora", "Date/time", ColumnType::datetime},
           {"actor_name", "Autor", "Actor", ColumnType::text, 28},
           {"actor_type", "Tipo de autor", "Actor type", ColumnType::text, 12},
           {"action", "Ação", "Action", ColumnType::text, 28},
           {"target_type", "Tipo do alvo", "Target type", ColumnType::text, 14},
           {"target_id", "Alvo", "Target", ColumnType::text, 20},
           {"before", "Antes", "Before", ColumnType::text, 40},
           {"after", "Depois", "After", ColumnType::text, 40},
           {"ip", "IP", "IP", ColumnType::text, 16},
           {"request_id", "Requisição", "Request id", ColumnType::text, 24}},
          {}};
}

}  // namespace rg::audit
