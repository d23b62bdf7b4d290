#include "platform/email/service.hpp"

#include <curl/curl.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

#include "core/log.hpp"
#include "platform/email/mime.hpp"
#include "platform/email/store.hpp"
#include "platform/email/templates.hpp"

namespace rg::email {

namespace {

constexpr const char* default_message_id_domain = "retaguarda.local";
constexpr std::size_t last_error_chars_max = 500;

struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

// libcurl pulls the message body through this callback while it talks SMTP DATA; it also
// dot-stuffs lines that begin with '.', so the MIME text goes in unchanged.
std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// One SMTP transaction: MAIL FROM, RCPT TO, DATA. Errors carry curl's description, which names
// the stage and the server's status code but not the message.
Status send_smtp(const SmtpConfig& config, const std::string& from, const std::string& to, const std::string& mime) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Error::internal("smtp: curl_easy_init failed");
  const std::string recipient = "<" + to + ">";
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(curl_slist_append(nullptr, recipient.c_str()),
                                                                        curl_slist_free_all);
  if (!recipients) return Error::internal("smtp: out of memory");
  const std::string sender = "<" + from + ">";
  Upload upload{mime, 0};
  char error_buffer[CURL_ERROR_SIZE] = {};
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, config.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, sender.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mime.size()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<std::int64_t>(1, config.timeout_ms)));
  // Worker threads must not get SIGALRM from name resolution timeouts.
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  if (config.starttls) curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!config.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, config.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, config.password.c_str());
  }
  const CURLcode code = curl_easy_perform(h);
  if (code == CURLE_OK) return {};
  std::string detail = std::string("smtp: ") + curl_easy_strerror(code);
  if (error_buffer[0] != '\0') detail += std::string(": ") + error_buffer;
  return Error::unavailable(std::move(detail));
}

// Keeps the full address out of stored errors and logs, whatever a server put in its reply.
std::string without_address(std::string text, const std::string& address) {
  const std::string masked = mask_address(address);
  for (std::size_t at = text.find(address); !address.empty() && at != std::string::npos;
       at = text.find(address, at + masked.size())) {
    text.replace(at, address.size(), masked);
  }
  return text.substr(0, last_error_chars_max);
}

struct Target {
  std::int64_t tenant_id = 0;
  Id id = 0;
};

Result<Target> parse_payload(const std::string& payload) {
  boost::system::error_code ec;
  const auto doc = boost::json::parse(payload, ec);
  const auto* object = ec ? nullptr : doc.if_object();
  const auto* tenant = object ? object->if_contains("tenant_id") : nullptr;
  const auto* id = object ? object->if_contains("id") : nullptr;
  if (!tenant || !tenant->is_int64() || !id || !id->is_string()) {
    return Error::invalid("payload", "e-mail delivery payload needs tenant_id (number) and id (string)");
  }
  try {
    std::size_t used = 0;
    const std::string text(id->as_string());
    const Id value = std::stoll(text, &used);
    if (used != text.size()) throw std::invalid_argument("id");
    return Target{tenant->as_int64(), value};
  } catch (const std::exception&) {
    return Error::invalid("payload", "e-mail delivery payload has a malformed id");
  }
}

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

Status validate_smtp_config(const SmtpConfig& config) {
  if (!config.configured()) return {};
  if (!config.url.starts_with("smtp://") && !config.url.starts_with("smtps://")) {
    return Error::invalid("smtp-url", "The SMTP URL must start with smtp:// or smtps://.");
  }
  if (!is_valid_address(address_of(config.from))) {
    return Error::invalid("smtp-from", "The sender must be an e-mail address, optionally as \"Name <address>\".");
  }
  if (config.timeout_ms < 1'000 || config.timeout_ms > 300'000) {
    return Error::invalid("smtp-timeout", "The SMTP timeout must be between 1 and 300 seconds.");
  }
  return {};
}

EmailService::EmailService(jobs::JobQueue& jobs, const Clock& clock, IdGenerator& ids, SmtpConfig config)
    : jobs_(jobs), clock_(clock), ids_(ids), config_(std::move(config)) {
  init_curl_once();
  jobs_.register_kind(
      deliver_job_kind, [this](const jobs::Job& job) { return deliver(job); }, deliver_attempts_max,
      // Also when a worker died during the last attempt: the message must not stay "queued".
      [](db::Transaction& tx, const jobs::Job& job, const std::string& error) {
        if (auto target = parse_payload(job.payload)) {
          store::mark_attempt_failed(tx, target->tenant_id, target->id, error, true);
        }
      });
}

Result<Id> EmailService::queue(db::Transaction& tx, const Message& message) {
  if (!is_valid_address(message.to)) return Error::invalid("to", "The recipient is not a valid e-mail address.");
  auto rendered = render_template(message.template_name, message.locale, message.vars);
  if (!rendered) return rendered.error();
  if (rendered->subject.size() + rendered->text.size() + rendered->html.size() > message_bytes_max) {
    return Error::invalid("vars", "The rendered e-mail is too large.");
  }
  StoredMessage stored;
  stored.tenant_id = message.tenant_id;
  stored.id = ids_.next();
  stored.to = message.to;
  stored.subject = std::move(rendered->subject);
  stored.body_text = std::move(rendered->text);
  stored.body_html = std::move(rendered->html);
  stored.template_name = message.template_name;
  stored.locale = normalize_locale(message.locale);
  stored.status = config_.configured() ? "queued" : "mailbox";
  stored.created_at_us = clock_.now_us();
  store::insert(tx, stored);
  if (config_.configured()) {
    const boost::json::object payload{{"tenant_id", stored.tenant_id}, {"id", std::to_string(stored.id)}};
    auto job = jobs_.enqueue(
        tx, jobs::JobSpec{deliver_job_kind, boost::json::serialize(payload), stored.tenant_id, 0, 0, std::nullopt});
    if (!job) return job.error();
  }
  log::info("email.queued", {{"tenant_id", stored.tenant_id},
                             {"email_id", stored.id},
                             {"template", stored.template_name},
                             {"to", mask_address(stored.to)},
                             {"status", stored.status}});
  return stored.id;
}

std::vector<StoredMessage> EmailService::list(db::Transaction& tx, std::int64_t tenant_id,
                                              std::optional<std::string> to, std::optional<std::int64_t> before_id,
                                              int limit) {
  if (to) {
    std::transform(to->begin(), to->end(), to->begin(), [](unsigned char c) {
      return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    });
    if (to->empty()) to.reset();
  }
  return store::list(tx, tenant_id, to, before_id, std::max(1, limit));
}

std::optional<StoredMessage> EmailService::get(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  return store::find(tx, tenant_id, id);
}

void EmailService::mark_read(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  store::mark_read(tx, tenant_id, id, clock_.now_us());
}

std::string EmailService::mime_for(const StoredMessage& message, std::int64_t date_us) const {
  const std::string from = address_of(config_.from);
  std::string domain = domain_of(from);
  if (domain.empty()) domain = default_message_id_domain;
  MimeMessage mime;
  mime.from = config_.from;
  mime.to = message.to;
  mime.subject = message.subject;
  mime.text = message.body_text;
  mime.html = message.body_html;
  mime.date_us = date_us;
  // Stable across retries, so a receiver can drop the copy of an attempt that was delivered but
  // reported as failed (a timeout after DATA).
  mime.message_id = std::to_string(message.tenant_id) + "." + std::to_string(message.id) + "@" + domain;
  mime.boundary = "=_rg_" + random_hex(12);
  return build_mime_message(mime);
}

Status EmailService::deliver(const jobs::Job& job) {
  auto target = parse_payload(job.payload);
  if (!target) return target.error();
  db::Database& db = jobs_.database();
  const auto message = db.transact(db::TxMode::read, [&](db::Transaction& tx) {
    return store::find(tx, target->tenant_id, target->id);
  });
  // Already delivered, failed or moved by an earlier run of this job: nothing left to do.
  if (!message || message->status != "queued") return {};
  if (!config_.configured()) {
    db.transact(db::TxMode::write,
                [&](db::Transaction& tx) { store::move_to_mailbox(tx, message->tenant_id, message->id); });
    return {};
  }
  const Status sent = send_smtp(config_, address_of(config_.from), message->to, mime_for(*message, clock_.now_us()));
  if (sent) {
    db.transact(db::TxMode::write, [&](db::Transaction& tx) {
      store::mark_sent(tx, message->tenant_id, message->id, clock_.now_us());
    });
    log::info("email.sent", {{"tenant_id", message->tenant_id},
                             {"email_id", message->id},
                             {"template", message->template_name},
                             {"to", mask_address(message->to)},
                             {"attempt", job.attempt}});
    return {};
  }
  const std::string error = without_address(sent.error().detail, message->to);
  const bool final = job.attempt >= job.max_attempts;
  db.transact(db::TxMode::write, [&](db::Transaction& tx) {
    store::mark_attempt_failed(tx, message->tenant_id, message->id, error, final);
  });
  log::warn(final ? "email.failed" : "email.retry", {{"tenant_id", message->tenant_id},
                                                     {"email_id", message->id},
                                                     {"to", mask_address(message->to)},
                                                     {"attempt", job.attempt},
                                                     {"error", error}});
  return Error::unavailable(error);
}

}  // namespace rg::email
