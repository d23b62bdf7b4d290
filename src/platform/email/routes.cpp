#include "platform/email/routes.hpp"

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "http/json.hpp"

namespace rg::email {

namespace {

constexpr std::size_t to_filter_chars_max = 254;

boost::json::value optional_time(const std::optional<std::int64_t>& us) {
  if (!us) return nullptr;
  return boost::json::string(format_iso8601_utc_ms(*us));
}

boost::json::object to_json(const StoredMessage& m, bool with_bodies) {
  boost::json::object o;
  o["id"] = std::to_string(m.id);
  o["to"] = m.to;
  o["subject"] = m.subject;
  o["template"] = m.template_name;
  o["locale"] = m.locale;
  o["status"] = m.status;
  o["attempts"] = m.attempts;
  o["last_error"] = m.last_error ? boost::json::value(*m.last_error) : boost::json::value(nullptr);
  o["created_at"] = format_iso8601_utc_ms(m.created_at_us);
  o["sent_at"] = optional_time(m.sent_at_us);
  o["read_at"] = optional_time(m.read_at_us);
  if (with_bodies) {
    o["body_text"] = m.body_text;
    o["body_html"] = m.body_html.empty() ? boost::json::value(nullptr) : boost::json::value(m.body_html);
  }
  return o;
}

http::Response unauthorized(const http::Request& request) {
  return http::problem_for(request, Error{ErrorCode::unauthorized, "Sign in to read the mailbox.", {}});
}

http::Response list_messages(http::Request& request, db::Database& db, EmailService& email) {
  if (!request.principal) return unauthorized(request);
  http::QueryReader q(request);
  const auto page = q.page("The cursor is not valid.");
  const auto to = q.text("to", {.max_bytes = to_filter_chars_max, .too_long = "The recipient filter is too long."});
  if (auto error = q.error()) return http::problem_for(request, *error);
  const std::int64_t tenant_id = request.principal->tenant_id;
  // One extra row tells whether another page exists.
  auto messages = db.transact(db::TxMode::read, [&](db::Transaction& tx) {
    return email.list(tx, tenant_id, to, page.cursor, page.size + 1);
  });
  boost::json::value next_cursor = nullptr;
  if (messages.size() > static_cast<std::size_t>(page.size)) {
    messages.resize(static_cast<std::size_t>(page.size));
    next_cursor = boost::json::string(std::to_string(messages.back().id));
  }
  boost::json::array items;
  items.reserve(messages.size());
  for (const auto& m : messages) items.push_back(to_json(m, false));
  return http::json(boost::json::object{{"items", std::move(items)}, {"next_cursor", std::move(next_cursor)}});
}

http::Response get_message(http::Request& request, db::Database& db, EmailService& email) {
  if (!request.principal) return unauthorized(request);
  const std::int64_t tenant_id = request.principal->tenant_id;
  const auto id = parse_id(request.param("id"));
  if (!id) return http::problem_for(request, Error::not_found("No such message."));
  auto message = db.transact(db::TxMode::write, [&](db::Transaction& tx) -> std::optional<StoredMessage> {
    if (!email.get(tx, tenant_id, *id)) return std::nullopt;
    email.mark_read(tx, tenant_id, *id);
    return email.get(tx, tenant_id, *id);
  });
  if (!message) return http::problem_for(request, Error::not_found("No such message."));
  return http::json(to_json(*message, true));
}

}  // namespace

void register_email_routes(http::Router& router, db::Database& db, EmailService& email, const char* permission) {
  router.add("GET", "/api/v1/mailbox", permission, "List the e-mails the system wrote (built-in mailbox)",
             [&db, &email](http::Request& request) { return list_messages(request, db, email); });
  router.add("GET", "/api/v1/mailbox/{id}", permission, "Read one e-mail and mark it read",
             [&db, &email](http::Request& request) { return get_message(request, db, email); });
}

exports::ListExport mailbox_export() {
  using exports::ColumnType;
  return {"/api/v1/mailbox", "mailbox", "Caixa de e-mails", "Mailbox",
          {{"created_at", "Criado em", "Created at", ColumnType::datetime},
           {"to", "Para", "To", ColumnType::text, 30},
           {"subject", "Assunto", "Subject", ColumnType::text, 40},
           {"template", "Modelo", "Template", ColumnType::text, 20},
           {"status", "Status", "Status", ColumnType::text, 10},
           {"attempts", "Tentativas", "Attempts", ColumnType::integer},
           {"sent_at", "Enviado em", "Sent at", ColumnType::datetime},
           {"read_at", "Lido em", "Read at", ColumnType::datetime},
           {"last_error", "Último erro", "Last error", ColumnType::text, 30}},
          {}};
}

}  // namespace rg::email
