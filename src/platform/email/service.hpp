#pragma once
// E-mail (PLT-10): messages are rendered from pt-BR/en-US templates and written to the outbox in
// the caller's transaction; a job delivers them through SMTP (libcurl) with retries. With no
// SMTP server configured, messages stay in the built-in mailbox that permitted operators read
// in the console.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "platform/jobs/service.hpp"

namespace rg::email {

struct SmtpConfig {
  std::string url;  // "smtp://host:port" or "smtps://host:port"; empty → built-in mailbox only
  std::string username;
  std::string password;
  std::string from = "Retaguarda <no-reply@retaguarda.local>";
  bool starttls = false;  // require STARTTLS on smtp://
  std::int64_t timeout_ms = 15'000;
  bool configured() const { return !url.empty(); }
};

// Checks the settings main.cpp collected, so a typo fails at start-up rather than at the first
// delivery: the URL scheme (smtp:// or smtps://), a valid sender address, a sane timeout.
Status validate_smtp_config(const SmtpConfig& config);

struct Message {
  std::int64_t tenant_id = 0;
  std::string to;
  std::string template_name;  // e.g. "first_access_code", "recovery_code"
  std::string locale = "pt-BR";  // "pt-BR" or "en-US"; anything else falls back to pt-BR
  std::map<std::string, std::string> vars;  // {{name}} placeholders in the template
};

struct StoredMessage {
  std::int64_t tenant_id = 0;
  Id id = 0;
  std::string to;
  std::string subject;
  std::string body_text;
  std::string body_html;
  std::string template_name;
  std::string locale;
  std::string status;  // queued | sent | mailbox | failed
  int attempts = 0;
  std::optional<std::string> last_error;
  std::int64_t created_at_us = 0;
  std::optional<std::int64_t> sent_at_us;
  std::optional<std::int64_t> read_at_us;
};

inline constexpr const char* deliver_job_kind = "platform.email.deliver";
// Retries back off 1 s · 2^(n−1) (jobs/service.cpp), so eight attempts span about two minutes
// of an SMTP outage before a message is marked failed.
inline constexpr int deliver_attempts_max = 8;
// A rendered message (subject + text + HTML) larger than this is refused: the values passed to
// a template are codes, names and links, never documents.
inline constexpr std::size_t message_bytes_max = 256 * 1024;

class EmailService {
 public:
  EmailService(jobs::JobQueue& jobs, const Clock& clock, IdGenerator& ids, SmtpConfig config);

  // Renders and stores the message, and enqueues its delivery, all inside `tx`.
  Result<Id> queue(db::Transaction& tx, const Message& message);
  // Mailbox: a tenant's messages, newest first; optional filter by recipient (substring).
  std::vector<StoredMessage> list(db::Transaction& tx, std::int64_t tenant_id, std::optional<std::string> to,
                                  std::optional<std::int64_t> before_id, int limit);
  std::optional<StoredMessage> get(db::Transaction& tx, std::int64_t tenant_id, Id id);
  void mark_read(db::Transaction& tx, std::int64_t tenant_id, Id id);
  const SmtpConfig& config() const { return config_; }

 private:
  // The job handler: one SMTP attempt; an Error has the job queue retry with backoff.
  Status deliver(const jobs::Job& job);
  std::string mime_for(const StoredMessage& message, std::int64_t date_us) const;
  jobs::JobQueue& jobs_;
  const Clock& clock_;
  IdGenerator& ids_;
  SmtpConfig config_;
};

}  // namespace rg::email
