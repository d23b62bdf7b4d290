#include "platform/audit/routes.hpp"

#include <boost/json.hpp>

#include <charconv>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "http/json.hpp"
#include "http/period.hpp"

namespace rg::audit {

namespace {

constexpr std::size_t filter_chars_max = 200;

Error unauthorized() { return Error{ErrorCode::unauthorized, "Sign in to continue.", {}}; }

std::optional<std::int64_t> parse_int64(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Well-formed UTF-8 without control characters: what PostgreSQL accepts as a text parameter and
// what can be stored in the searched columns.
bool is_clean_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    if (lead < 0x20 || lead == 0x7F) return false;
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

// Reads the optional text filter `key`; empty means absent.
Status read_text(const http::Request& request, const char* key, std::optional<std::string>& out) {
  auto value = request.query(key);
  if (!value || value->empty()) return {};
  if (value->size() > filter_chars_max) {
    return Error::invalid(key, std::string(key) + " must have at most " + std::to_string(filter_chars_max) +
                                   " characters.");
  }
  if (!is_clean_text(*value)) return Error::invalid(key, std::string(key) + " is not valid text.");
  out = std::move(*value);
  return {};
}

Result<Query> read_query(const http::Request& request) {
  Query query;
  query.tenant_id = request.principal->tenant_id;
  auto page = http::page_request(request);
  if (!page) return page.error();
  query.limit = page->page_size;
  if (page->cursor) {
    const auto seq = parse_int64(*page->cursor);
    if (!seq || *seq < 1) return Error::invalid("cursor", "cursor is not valid.");
    query.before_seq = *seq;
  }
  for (auto [key, field] : {std::pair{"action", &query.action}, std::pair{"target_type", &query.target_type},
                            std::pair{"target_id", &query.target_id}, std::pair{"q", &query.text}}) {
    if (auto status = read_text(request, key, *field); !status) return status.error();
  }
  if (auto text = request.query("actor_id"); text && !text->empty()) {
    query.actor_id = parse_int64(*text);
    if (!query.actor_id) return Error::invalid("actor_id", "actor_id must be an integer id.");
  }
  // from/to are São Paulo calendar dates, both inclusive: to=2026-03-10 includes all of the 10th.
  auto period = http::date_period(request);
  if (!period) return period.error();
  query.from_us = period->from_us;
  query.to_us = period->to_us;
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
