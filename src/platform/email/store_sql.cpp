#include "platform/email/store.hpp"

#include "db/where.hpp"

namespace rg::email::store {

namespace {

constexpr const char* insert_sql =
    "INSERT INTO email_outbox (tenant_id, id, to_address, subject, body_text, body_html, template, locale, status,"
    " attempts, last_error, created_at_us, sent_at_us, read_at_us)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, NULL, $10, NULL, NULL)";

constexpr const char* find_sql =
    "SELECT tenant_id, id, to_address, subject, template, locale, status, attempts, last_error, created_at_us,"
    " sent_at_us, read_at_us, body_text, body_html FROM email_outbox WHERE tenant_id = $1 AND id = $2";

// The list leaves the bodies out; db::Where adds the optional filters.
constexpr const char* list_sql =
    "SELECT tenant_id, id, to_address, subject, template, locale, status, attempts, last_error, created_at_us,"
    " sent_at_us, read_at_us FROM email_outbox WHERE tenant_id = $1";

constexpr const char* mark_read_sql =
    "UPDATE email_outbox SET read_at_us = $3 WHERE tenant_id = $1 AND id = $2 AND read_at_us IS NULL";
constexpr const char* mark_sent_sql =
    "UPDATE email_outbox SET status = 'sent', attempts = attempts + 1, last_error = NULL, sent_at_us = $3"
    " WHERE tenant_id = $1 AND id = $2 AND status = 'queued'";
constexpr const char* mark_failed_attempt_sql =
    "UPDATE email_outbox SET attempts = attempts + 1, last_error = $3, status = $4"
    " WHERE tenant_id = $1 AND id = $2 AND status = 'queued'";
constexpr const char* move_to_mailbox_sql =
    "UPDATE email_outbox SET status = 'mailbox' WHERE tenant_id = $1 AND id = $2 AND status = 'queued'";

StoredMessage from_row(const db::Row& row, bool with_bodies) {
  StoredMessage m;
  m.tenant_id = row.integer(0);
  m.id = row.integer(1);
  m.to = row.text(2);
  m.subject = row.text(3);
  m.template_name = row.text(4);
  m.locale = row.text(5);
  m.status = row.text(6);
  m.attempts = static_cast<int>(row.integer(7));
  m.last_error = row.text_or_null(8);
  m.created_at_us = row.integer(9);
  m.sent_at_us = row.integer_or_null(10);
  m.read_at_us = row.integer_or_null(11);
  if (with_bodies) {
    m.body_text = row.text(12);
    m.body_html = row.text_or_null(13).value_or("");
  }
  return m;
}

// A LIKE pattern matching `text` anywhere, with LIKE's wildcards (and the escape) escaped.
std::string contains_pattern(const std::string& text) {
  std::string pattern = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '!') pattern += '!';
    pattern += c;
  }
  return pattern + "%";
}

}  // namespace

void insert(db::Transaction& tx, const StoredMessage& m) {
  tx.execute(insert_sql, {m.tenant_id, m.id, m.to, m.subject, m.body_text,
                          m.body_html.empty() ? db::Value() : db::Value(m.body_html), m.template_name, m.locale,
                          m.status, m.created_at_us});
}

std::optional<StoredMessage> find(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  auto row = tx.query_one(find_sql, {tenant_id, id});
  if (!row) return std::nullopt;
  return from_row(*row, true);
}

std::vector<StoredMessage> list(db::Transaction& tx, std::int64_t tenant_id, const std::optional<std::string>& to_pattern,
                                std::optional<std::int64_t> before_id, int limit) {
  db::Where where(list_sql, {tenant_id});
  if (to_pattern) where.condition("LOWER(to_address) LIKE " + where.bind(contains_pattern(*to_pattern)) + " ESCAPE '!'");
  const db::Rows rows = where.before("id", before_id).order_by("id DESC", limit).query(tx);
  std::vector<StoredMessage> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(from_row(row, false));
  return out;
}

bool mark_read(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us) {
  return tx.execute(mark_read_sql, {tenant_id, id, now_us}) > 0;
}

bool mark_sent(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us) {
  return tx.execute(mark_sent_sql, {tenant_id, id, now_us}) > 0;
}

bool mark_attempt_failed(db::Transaction& tx, std::int64_t tenant_id, Id id, const std::string& error, bool final) {
  return tx.execute(mark_failed_attempt_sql, {tenant_id, id, error, final ? "failed" : "queued"}) > 0;
}

bool move_to_mailbox(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  return tx.execute(move_to_mailbox_sql, {tenant_id, id}) > 0;
}

}  // namespace rg::email::store
