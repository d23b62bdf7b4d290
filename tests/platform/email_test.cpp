// covers PLT-10 (e-mail: templates, SMTP delivery through a real SMTP server, the built-in
// mailbox) on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <thread>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "db/migrations.hpp"
#include "http/router.hpp"
#include "platform/email/mime.hpp"
#include "platform/email/routes.hpp"
#include "platform/email/service.hpp"
#include "platform/email/templates.hpp"
#include "platform/jobs/service.hpp"
#include "support/test_db.hpp"

namespace rg::email {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t start_us = 1'790'000'000'000'000;  // 2026-09-21T14:13:20Z
constexpr std::int64_t tenant_a = 7;
constexpr std::int64_t tenant_b = 8;
// Debian's interpreter: python3-aiosmtpd is a Debian package (scripts/setup), and a python3
// earlier on PATH (pyenv, a virtualenv) would not see it.
constexpr const char* python = "/usr/bin/python3";

// A port nothing listens on: bind port 0, read the port the kernel chose, close.
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t length = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
    if (fd >= 0) ::close(fd);
    return 0;
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool accepts_connections(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

std::string run_command(const std::string& command) {
  std::string out;
  std::unique_ptr<FILE, decltype(&::pclose)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) return out;
  char buffer[4096];
  while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
  return out;
}

// Parses a received message with Python's own e-mail package (policy=default decodes RFC 2047
// headers and transfer encodings and records every defect it finds), so the checks below do
// not trust our encoder to judge itself.
constexpr const char* parse_script = R"PY(
import email, email.policy, email.utils, json, sys
raw = open(sys.argv[1], 'rb').read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
plain = email.message_from_bytes(raw)
defects = [type(d).__name__ for d in msg.defects]
for name, value in msg.items():
    defects += [name + ':' + type(d).__name__ for d in getattr(value, 'defects', ())]
parts, encodings = [], []
for part in msg.walk():
    defects += [type(d).__name__ for d in part.defects]
    parts.append(part.get_content_type())
    if not part.is_multipart():
        encodings.append(str(part['Content-Transfer-Encoding']))
text = msg.get_body(('plain',))
html = msg.get_body(('html',))
print(json.dumps({
    'from': str(msg['From']), 'to': str(msg['To']), 'subject': str(msg['Subject']),
    'raw_subject': str(plain['Subject']),
    'date': int(email.utils.parsedate_to_datetime(str(msg['Date'])).timestamp()),
    'message_id': str(msg['Message-ID']), 'mime_version': str(msg['MIME-Version']),
    'content_type': msg.get_content_type(), 'parts': parts, 'encodings': encodings,
    'rcpt_to': str(msg['X-RcptTo']), 'mail_from': str(msg['X-MailFrom']),
    'text': text.get_content() if text else None,
    'text_charset': text.get_content_charset() if text else None,
    'html': html.get_content() if html else None,
    'longest_line': max(len(line) for line in raw.splitlines()),
    'defects': defects,
}))
)PY";

// A real SMTP server for one test: aiosmtpd with its Maildir handler, on a free port, in a
// temporary folder; stopped and removed by the destructor.
class SmtpSink {
 public:
  SmtpSink() : dir_(fs::temp_directory_path() / ("rg-smtp-" + random_hex(6))) {
    fs::create_directories(dir_);
    std::ofstream(dir_ / "parse.py") << parse_script;
    port_ = free_port();
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    const std::string maildir = (dir_ / "maildir").string();
    const std::string log = (dir_ / "server.log").string();
    std::vector<std::string> args = {python, "-m", "aiosmtpd", "-n", "-l", listen, "-c",
                                     "aiosmtpd.handlers.Mailbox", maildir};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
      // The server dies with the test process even when that is killed before the destructor.
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (fd >= 0) {
        ::dup2(fd, STDOUT_FILENO);
        ::dup2(fd, STDERR_FILENO);
      }
      ::execv(python, argv.data());
      ::_exit(127);
    }
    if (pid_ < 0) pid_ = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (pid_ > 0 && !accepts_connections(port_) && std::chrono::steady_clock::now() < deadline) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {  // exited: module missing, port taken…
        pid_ = 0;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ready_ = pid_ > 0 && accepts_connections(port_);
  }
  ~SmtpSink() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  bool ready() const { return ready_; }
  std::string server_log() const {
    std::ifstream in(dir_ / "server.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::vector<fs::path> received() const {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir_ / "maildir" / "new", ec)) files.push_back(entry.path());
    return files;
  }
  boost::json::object parse(const fs::path& file) const {
    const std::string out = run_command(std::string(python) + " " + (dir_ / "parse.py").string() + " " +
                                        file.string() + " 2>&1");
    boost::system::error_code ec;
    auto value = boost::json::parse(out, ec);
    EXPECT_FALSE(ec) << out;
    return ec || !value.is_object() ? boost::json::object{} : value.as_object();
  }

 private:
  fs::path dir_;
  int port_ = 0;
  pid_t pid_ = 0;
  bool ready_ = false;
};

std::string str(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// --- Templates ---------------------------------------------------------------------------------

std::map<std::string, std::string> sample_vars(const TemplateDefinition& t) {
  std::map<std::string, std::string> vars;
  for (const auto& v : t.variables) vars[v] = "value-of-" + v;
  return vars;
}

TEST(EmailTemplatesTest, PLT10_EveryTemplateDeclaresExactlyThePlaceholdersBothLocalesUse) {
  ASSERT_GE(template_catalogue().size(), 5u);
  for (const auto& t : template_catalogue()) {
    const std::set<std::string> declared(t.variables.begin(), t.variables.end());
    for (const LocalizedTemplate* texts : {&t.pt_br, &t.en_us}) {
      std::set<std::string> used;
      for (const std::string* part : {&texts->subject, &texts->text, &texts->html_content}) {
        for (auto& name : placeholders(*part)) used.insert(name);
      }
      EXPECT_EQ(used, declared) << t.name;
      EXPECT_FALSE(contains(texts->html_content, "<img")) << t.name << ": no external images";
      EXPECT_FALSE(contains(texts->html_content, "<style")) << t.name << ": styles are inline";
    }
    auto pt = render_template(t.name, "pt-BR", sample_vars(t));
    auto en = render_template(t.name, "en-US", sample_vars(t));
    ASSERT_TRUE(pt.ok() && en.ok()) << t.name;
    EXPECT_NE(pt->subject, en->subject) << t.name;
    EXPECT_TRUE(contains(pt->html, "<html lang=\"pt-BR\">")) << t.name;
    EXPECT_TRUE(contains(en->html, "<html lang=\"en-US\">")) << t.name;
    EXPECT_FALSE(contains(pt->text + pt->html + pt->subject, "{{")) << t.name;
  }
  for (const char* name : {"first_access_code", "recovery_code", "password_changed", "approval_requested",
                           "test_message"}) {
    EXPECT_NE(find_template(name), nullptr) << name;
  }
}

TEST(EmailTemplatesTest, PLT10_FirstAccessCodeFollowsTheConfirmationFlow) {
  const std::map<std::string, std::string> vars = {
      {"name", "Maria"}, {"code", "482913"}, {"tenant_name", "Banco Exemplo"}, {"link", "https://rg.test/c?t=1"}};
  auto pt = render_template("first_access_code", "pt-BR", vars);
  ASSERT_TRUE(pt.ok());
  EXPECT_EQ(pt->subject, "Confirme seu e-mail");
  EXPECT_TRUE(contains(pt->text, "Olá, Maria!"));
  EXPECT_TRUE(contains(pt->text, "482913"));
  EXPECT_TRUE(contains(pt->text, "https://rg.test/c?t=1"));
  EXPECT_TRUE(contains(pt->html, "CONFIRMAR E-MAIL"));
  EXPECT_TRUE(contains(pt->html, "href=\"https://rg.test/c?t=1\""));
  EXPECT_TRUE(contains(pt->html, "Código de confirmação"));
  auto en = render_template("first_access_code", "en-US", vars);
  ASSERT_TRUE(en.ok());
  EXPECT_EQ(en->subject, "Confirm your email address");
  EXPECT_TRUE(contains(en->html, "CONFIRM EMAIL"));
}

TEST(EmailTemplatesTest, PLT10_ValuesAreEscapedInHtmlOnly) {
  const std::map<std::string, std::string> vars = {{"name", "<script>alert(\"x\")</script> & 'Ana'"}};
  auto r = render_template("test_message", "pt-BR", vars);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(contains(r->text, "<script>alert(\"x\")</script> & 'Ana'"));
  EXPECT_FALSE(contains(r->html, "<script>"));
  EXPECT_TRUE(contains(r->html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Ana&#39;"));
  // A link value cannot break out of the href attribute.
  auto link = render_template("approval_requested", "pt-BR",
                              {{"name", "A"}, {"action", "x"}, {"maker", "B"}, {"link", "\" onclick=\"evil()"}});
  ASSERT_TRUE(link.ok());
  EXPECT_FALSE(contains(link->html, "\" onclick=\"evil()"));
}

TEST(EmailTemplatesTest, PLT10_MissingVariableOrUnknownTemplateIsAnError) {
  auto missing = render_template("recovery_code", "pt-BR", {{"name", "Ana"}, {"code", "1"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::invalid);
  EXPECT_TRUE(contains(missing.error().detail, "link")) << missing.error().detail;
  EXPECT_TRUE(contains(missing.error().detail, "valid_minutes")) << missing.error().detail;
  auto unknown = render_template("no_such_template", "pt-BR", {});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields.at(0).field, "template");
  // A template with a malformed placeholder is a bug, reported rather than sent half-filled.
  EXPECT_FALSE(substitute("Olá {{name", {{"name", "x"}}, false).ok());
  EXPECT_FALSE(substitute("Olá {{na me}}", {{"name", "x"}}, false).ok());
  EXPECT_EQ(*substitute("{{a}}-{{b}}-{{a}}", {{"a", "1"}, {"b", "2"}}, false), "1-2-1");
}

TEST(EmailTemplatesTest, PLT10_LocalesFallBackToPortuguese) {
  EXPECT_EQ(normalize_locale("pt-BR"), "pt-BR");
  EXPECT_EQ(normalize_locale("en-US"), "en-US");
  EXPECT_EQ(normalize_locale("en"), "en-US");
  EXPECT_EQ(normalize_locale("en-GB"), "en-US");
  EXPECT_EQ(normalize_locale("es-AR"), "pt-BR");
  EXPECT_EQ(normalize_locale(""), "pt-BR");
}

// --- MIME and addresses ------------------------------------------------------------------------

TEST(EmailMimeTest, PLT10_AddressesAreValidatedAndMaskedForLogs) {
  EXPECT_TRUE(is_valid_address("ana.souza+rg@exemplo.com.br"));
  for (const char* bad : {"", "ana", "ana@", "@exemplo.com", "ana@exemplo", "ana@@exemplo.com", "a b@exemplo.com",
                          "ana@exemplo.com>\r\nRCPT TO:<x@y.z", "ana@exemplo..com", "<ana@exemplo.com>"}) {
    EXPECT_FALSE(is_valid_address(bad)) << bad;
  }
  EXPECT_EQ(mask_address("joao@example.com"), "j***@example.com");
  EXPECT_EQ(mask_address("x@y.com"), "x***@y.com");
  EXPECT_EQ(mask_address("no-at-sign"), "***");
  EXPECT_EQ(address_of("Retaguarda <no-reply@rg.test>"), "no-reply@rg.test");
  EXPECT_EQ(address_of(" no-reply@rg.test "), "no-reply@rg.test");
}

TEST(EmailMimeTest, PLT10_SubjectIsEncodedInWordsThatNeverSplitACharacter) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(encode_header_words("Olá"), "=?UTF-8?B?T2zDoQ==?=");
  const std::string long_subject = "Aprovação pendente: alteração de limite de transferência Pix noturna";
  const std::string encoded = encode_header_words(long_subject);
  std::size_t start = 0;
  int words = 0;
  while (start < encoded.size()) {
    const std::size_t end = encoded.find("\r\n ", start);
    const std::string word = encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
    EXPECT_LE(word.size(), 75u) << word;
    EXPECT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?=")) << word;
    ++words;
    start = end == std::string::npos ? encoded.size() : end + 3;
  }
  EXPECT_GE(words, 2);
  EXPECT_EQ(format_rfc5322_date(start_us), "Mon, 21 Sep 2026 14:13:20 +0000");
}

TEST(EmailConfigTest, PLT10_SmtpSettingsAreCheckedAtStartUp) {
  auto config = [](std::string url, std::string from = "no-reply@rg.test", std::int64_t timeout_ms = 15'000) {
    SmtpConfig c;
    c.url = std::move(url);
    c.from = std::move(from);
    c.timeout_ms = timeout_ms;
    return validate_smtp_config(c);
  };
  EXPECT_TRUE(config("").ok()) << "no URL: built-in mailbox only";
  EXPECT_TRUE(config("smtps://smtp.rg.test:465").ok());
  EXPECT_TRUE(config("smtp://smtp.rg.test:587", "Retaguarda <no-reply@rg.test>").ok());
  EXPECT_TRUE(validate_smtp_config(SmtpConfig{}).ok()) << "the defaults are valid";
  EXPECT_FALSE(config("http://smtp.rg.test").ok());
  EXPECT_FALSE(config("smtp://smtp.rg.test", "Retaguarda <nobody>").ok());
  EXPECT_FALSE(config("smtp://smtp.rg.test", "no-reply@rg.test", 0).ok());
}

// --- Service -----------------------------------------------------------------------------------

class EmailServiceTest : public ::testing::Test {
 protected:
  EmailServiceTest() : clock_(start_us), ids_(clock_, 1), queue_(db(), clock_, ids_) {}
  void SetUp() override { ASSERT_TRUE(db::Migrator(db(), db::embedded_migration_files()).migrate().ok()); }
  db::Database& db() { return test_db_.db(); }

  EmailService& service(SmtpConfig config = {}) {
    email_ = std::make_unique<EmailService>(queue_, clock_, ids_, std::move(config));
    return *email_;
  }
  Result<Id> send(Message message) {
    return db().transact(db::TxMode::write, [&](db::Transaction& tx) { return email_->queue(tx, message); });
  }
  static Message first_access(std::string to, std::string locale = "pt-BR", std::int64_t tenant = tenant_a) {
    return Message{tenant, std::move(to), "first_access_code", std::move(locale),
                   {{"name", "Maria Silva"},
                    {"code", "482913"},
                    {"tenant_name", "Banco Exemplo & Cia"},
                    {"link", "https://console.rg.test/primeiro-acesso?t=abc&x=1"}}};
  }
  std::optional<StoredMessage> stored(Id id, std::int64_t tenant = tenant_a) {
    return db().transact(db::TxMode::read, [&](db::Transaction& tx) { return email_->get(tx, tenant, id); });
  }
  std::int64_t scalar(const std::string& sql) {
    return db().transact(db::TxMode::read, [&](db::Transaction& tx) { return tx.query_one(sql)->integer(0); });
  }

  test::TestDatabase test_db_;
  ManualClock clock_;
  IdGenerator ids_;
  jobs::JobQueue queue_;
  std::unique_ptr<EmailService> email_;
};

TEST_F(EmailServiceTest, PLT10_WithoutSmtpMessagesStayInTheMailboxWithoutAJob) {
  service();
  auto id = send(first_access("maria@exemplo.com.br"));
  ASSERT_TRUE(id.ok()) << id.error().detail;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs"), 0);
  EXPECT_EQ(queue_.run_due("test", 10), 0);
  auto m = stored(*id);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->status, "mailbox");
  EXPECT_EQ(m->to, "maria@exemplo.com.br");
  EXPECT_EQ(m->subject, "Confirme seu e-mail");
  EXPECT_EQ(m->template_name, "first_access_code");
  EXPECT_EQ(m->locale, "pt-BR");
  EXPECT_EQ(m->created_at_us, start_us);
  EXPECT_TRUE(contains(m->body_text, "482913"));
  EXPECT_TRUE(contains(m->body_html, "Banco Exemplo &amp; Cia"));
  EXPECT_FALSE(m->sent_at_us || m->read_at_us);

  auto listed = db().transact(db::TxMode::read, [&](db::Transaction& tx) {
    return email_->list(tx, tenant_a, std::nullopt, std::nullopt, 10);
  });
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, *id);
  EXPECT_TRUE(listed[0].body_text.empty()) << "the list leaves bodies out";
  db().transact(db::TxMode::write, [&](db::Transaction& tx) { email_->mark_read(tx, tenant_a, *id); });
  EXPECT_EQ(stored(*id)->read_at_us, start_us);
  EXPECT_FALSE(stored(*id, tenant_b)) << "another tenant cannot see it";
}

TEST_F(EmailServiceTest, PLT10_DeliversThroughARealSmtpServer) {
  SmtpSink sink;
  ASSERT_TRUE(sink.ready()) << "aiosmtpd did not start (scripts/setup installs python3-aiosmtpd):\n"
                            << sink.server_log();
  service(SmtpConfig{sink.url(), "", "", "Retaguarda Pagamentos <no-reply@rg.test>", false, 5'000});
  auto pt = send(first_access("maria@exemplo.com.br"));
  auto en = send(Message{tenant_a, "john@example.com", "recovery_code", "en-US",
                         {{"name", "John"}, {"code", "771204"}, {"link", "https://rg.test/r"}, {"valid_minutes", "15"}}});
  auto accented = send(Message{tenant_a, "gestora@exemplo.com.br", "approval_requested", "pt-BR",
                               {{"name", "Joana"},
                                {"action", "alteração do limite noturno de transferência Pix"},
                                {"maker", "Júlio César"},
                                {"link", "https://rg.test/aprovacoes/1"}}});
  ASSERT_TRUE(pt.ok() && en.ok() && accented.ok());
  EXPECT_EQ(stored(*pt)->status, "queued");
  EXPECT_EQ(queue_.run_due("test", 10), 3);

  for (const Id id : {*pt, *en, *accented}) {
    auto m = stored(id);
    EXPECT_EQ(m->status, "sent") << m->last_error.value_or("");
    EXPECT_EQ(m->attempts, 1);
    EXPECT_EQ(m->sent_at_us, start_us);
    EXPECT_FALSE(m->last_error);
  }
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs WHERE status = 'succeeded'"), 3);
  EXPECT_EQ(queue_.run_due("test", 10), 0) << "nothing is sent twice";

  std::map<std::string, boost::json::object> by_recipient;
  for (const auto& file : sink.received()) {
    auto parsed = sink.parse(file);
    by_recipient[str(parsed, "rcpt_to")] = parsed;
  }
  ASSERT_EQ(by_recipient.size(), 3u) << sink.server_log();

  const auto& m = by_recipient["maria@exemplo.com.br"];
  EXPECT_EQ(str(m, "to"), "maria@exemplo.com.br");
  EXPECT_EQ(str(m, "mail_from"), "no-reply@rg.test");
  EXPECT_EQ(str(m, "from"), "Retaguarda Pagamentos <no-reply@rg.test>");
  EXPECT_EQ(str(m, "subject"), "Confirme seu e-mail");
  EXPECT_TRUE(str(m, "raw_subject").starts_with("=?UTF-8?B?"));
  EXPECT_EQ(str(m, "mime_version"), "1.0");
  EXPECT_EQ(str(m, "message_id"), "<" + std::to_string(tenant_a) + "." + std::to_string(*pt) + "@rg.test>");
  EXPECT_EQ(m.at("date").as_int64(), start_us / 1'000'000);
  EXPECT_EQ(str(m, "content_type"), "multipart/alternative");
  EXPECT_EQ(boost::json::serialize(m.at("parts")), R"(["multipart/alternative","text/plain","text/html"])");
  EXPECT_EQ(boost::json::serialize(m.at("encodings")), R"(["base64","base64"])");
  EXPECT_EQ(str(m, "text_charset"), "utf-8");
  EXPECT_TRUE(m.at("defects").as_array().empty()) << boost::json::serialize(m.at("defects"));
  EXPECT_LE(m.at("longest_line").as_int64(), 78);
  const std::string text = str(m, "text");
  const std::string html = str(m, "html");
  EXPECT_TRUE(contains(text, "Olá, Maria Silva!")) << text;
  EXPECT_TRUE(contains(text, "482913"));
  EXPECT_TRUE(contains(text, "Banco Exemplo & Cia"));
  EXPECT_TRUE(contains(html, "482913"));
  EXPECT_TRUE(contains(html, "CONFIRMAR E-MAIL"));
  EXPECT_TRUE(contains(html, "href=\"https://console.rg.test/primeiro-acesso?t=abc&amp;x=1\""));

  const auto& e = by_recipient["john@example.com"];
  EXPECT_EQ(str(e, "subject"), "Your access recovery code");
  EXPECT_TRUE(contains(str(e, "text"), "The code is valid for 15 minutes."));
  EXPECT_TRUE(contains(str(e, "html"), "RESET PASSWORD"));
  EXPECT_FALSE(contains(str(e, "text"), "Olá"));

  const auto& a = by_recipient["gestora@exemplo.com.br"];
  EXPECT_EQ(str(a, "subject"), "Aprovação pendente: alteração do limite noturno de transferência Pix");
  EXPECT_TRUE(contains(str(a, "text"), "Júlio César enviou um pedido"));
  EXPECT_TRUE(a.at("defects").as_array().empty()) << boost::json::serialize(a.at("defects"));

  // The mailbox shows what went out by SMTP too.
  auto listed = db().transact(db::TxMode::read, [&](db::Transaction& tx) {
    return email_->list(tx, tenant_a, std::nullopt, std::nullopt, 10);
  });
  EXPECT_EQ(listed.size(), 3u);
}

TEST_F(EmailServiceTest, PLT10_SmtpDownIsRetriedWithBackoffThenTheMessageFails) {
  service(SmtpConfig{"smtp://127.0.0.1:" + std::to_string(free_port()), "", "", "no-reply@rg.test", false, 2'000});
  auto id = send(first_access("maria@exemplo.com.br"));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(queue_.run_due("test", 10), 1);
  auto m = stored(*id);
  EXPECT_EQ(m->status, "queued");
  EXPECT_EQ(m->attempts, 1);
  ASSERT_TRUE(m->last_error);
  EXPECT_TRUE(contains(*m->last_error, "smtp")) << *m->last_error;
  EXPECT_FALSE(contains(*m->last_error, "maria@exemplo.com.br"));
  EXPECT_EQ(queue_.run_due("test", 10), 0) << "the retry waits for its backoff";

  for (int attempt = 2; attempt <= deliver_attempts_max; ++attempt) {
    clock_.advance_us(2LL * 3600 * 1'000'000);  // past any backoff (capped at 1 h + 25 %)
    ASSERT_EQ(queue_.run_due("test", 10), 1) << "attempt " << attempt;
    EXPECT_EQ(stored(*id)->attempts, attempt);
    EXPECT_EQ(stored(*id)->status, attempt < deliver_attempts_max ? "queued" : "failed");
  }
  clock_.advance_us(2LL * 3600 * 1'000'000);
  EXPECT_EQ(queue_.run_due("test", 10), 0);
  EXPECT_EQ(stored(*id)->status, "failed");
  EXPECT_FALSE(stored(*id)->sent_at_us);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs WHERE status = 'dead'"), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM job_attempts"), deliver_attempts_max);
}

TEST_F(EmailServiceTest, PLT10_QueueIsPartOfTheCallersTransaction) {
  service(SmtpConfig{"smtp://127.0.0.1:1", "", "", "no-reply@rg.test", false, 1'000});
  Result<int> aborted = db().transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<int> {
    EXPECT_TRUE(email_->queue(tx, first_access("maria@exemplo.com.br")).ok());
    return Error::invalid("x", "the business change failed after the e-mail was queued");
  });
  EXPECT_FALSE(aborted.ok());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM email_outbox"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs"), 0);
}

TEST_F(EmailServiceTest, PLT10_TemplateAndAddressErrorsStoreNothing) {
  service(SmtpConfig{"smtp://127.0.0.1:1", "", "", "no-reply@rg.test", false, 1'000});
  Message unknown = first_access("maria@exemplo.com.br");
  unknown.template_name = "no_such_template";
  Message missing = first_access("maria@exemplo.com.br");
  missing.vars.erase("code");
  Message bad_address = first_access("maria@exemplo.com.br>\r\nRCPT TO:<outro@x.com");
  for (const Message& message : {unknown, missing, bad_address}) {
    auto id = send(message);
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(id.error().code, ErrorCode::invalid);
  }
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM email_outbox"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs"), 0);
}

TEST_F(EmailServiceTest, PLT10_ListFiltersByRecipientAndPagesNewestFirst) {
  service();
  std::vector<Id> ids;
  for (const char* to : {"ana@exemplo.com", "bruno@exemplo.com", "ANA.paula@outro.com", "carla@exemplo.com"}) {
    clock_.advance_us(1000);
    ids.push_back(*send(first_access(to)));
  }
  ASSERT_TRUE(send(first_access("ana@exemplo.com", "pt-BR", tenant_b)).ok());
  auto list = [&](std::optional<std::string> to, std::optional<Id> before, int limit) {
    return db().transact(db::TxMode::read,
                         [&](db::Transaction& tx) { return email_->list(tx, tenant_a, to, before, limit); });
  };
  auto all = list(std::nullopt, std::nullopt, 10);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].id, ids[3]);
  EXPECT_EQ(all[3].id, ids[0]);
  auto ana = list("Ana", std::nullopt, 10);
  ASSERT_EQ(ana.size(), 2u) << "case-insensitive substring, own tenant only";
  EXPECT_EQ(ana[0].id, ids[2]);
  EXPECT_EQ(ana[1].id, ids[0]);
  auto page = list(std::nullopt, ids[2], 1);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].id, ids[1]);
  EXPECT_EQ(list("%", std::nullopt, 10).size(), 0u) << "LIKE wildcards are literal";
  EXPECT_EQ(list("_", std::nullopt, 10).size(), 0u);
  EXPECT_EQ(list("a@exemplo", ids[3], 10).size(), 1u);
}

// --- Routes ------------------------------------------------------------------------------------

class EmailRoutesTest : public EmailServiceTest {
 protected:
  void SetUp() override {
    EmailServiceTest::SetUp();
    service();
    register_email_routes(router_, db(), *email_, "mailbox.read");
  }
  http::Response get(const std::string& target, std::optional<std::int64_t> tenant = tenant_a) {
    http::Request request;
    request.method = "GET";
    request.target = target;
    const auto q = target.find('?');
    request.path = target.substr(0, q);
    request.query_string = q == std::string::npos ? "" : target.substr(q + 1);
    request.request_id = "test";
    if (tenant) {
      http::Principal principal;
      principal.tenant_id = *tenant;
      request.principal = std::make_shared<const http::Principal>(principal);
    }
    const auto match = router_.match(request);
    if (!match.route) return http::Response{404, {}, ""};
    EXPECT_EQ(match.route->permission, "mailbox.read");
    return match.route->handler(request);
  }
  static boost::json::object body(const http::Response& response) {
    return boost::json::parse(response.body).as_object();
  }

  http::Router router_;
};

TEST_F(EmailRoutesTest, PLT10_MailboxListsAndReadsTheTenantsMessages) {
  std::vector<Id> ids;
  for (const char* to : {"ana@exemplo.com", "bruno@exemplo.com", "ana.paula@outro.com"}) {
    clock_.advance_us(1000);
    ids.push_back(*send(first_access(to)));
  }
  auto first = get("/api/v1/mailbox?page_size=2");
  ASSERT_EQ(first.status, 200) << first.body;
  auto page = body(first);
  ASSERT_EQ(page["items"].as_array().size(), 2u);
  const auto& item = page["items"].as_array()[0].as_object();
  EXPECT_EQ(item.at("id").as_string(), std::to_string(ids[2]));
  EXPECT_EQ(item.at("to").as_string(), "ana.paula@outro.com");
  EXPECT_EQ(item.at("subject").as_string(), "Confirme seu e-mail");
  EXPECT_EQ(item.at("template").as_string(), "first_access_code");
  EXPECT_EQ(item.at("locale").as_string(), "pt-BR");
  EXPECT_EQ(item.at("status").as_string(), "mailbox");
  EXPECT_EQ(item.at("attempts").as_int64(), 0);
  EXPECT_TRUE(item.at("last_error").is_null());
  EXPECT_TRUE(item.at("created_at").as_string().starts_with("2026-09-21T14:13:20."));
  EXPECT_TRUE(item.at("sent_at").is_null());
  EXPECT_TRUE(item.at("read_at").is_null());
  EXPECT_FALSE(item.contains("body_text"));
  ASSERT_TRUE(page["next_cursor"].is_string());

  auto second = body(get("/api/v1/mailbox?page_size=2&cursor=" + std::string(page["next_cursor"].as_string())));
  ASSERT_EQ(second["items"].as_array().size(), 1u);
  EXPECT_EQ(second["items"].as_array()[0].as_object().at("id").as_string(), std::to_string(ids[0]));
  EXPECT_TRUE(second["next_cursor"].is_null());

  auto filtered = body(get("/api/v1/mailbox?to=ana"));
  EXPECT_EQ(filtered["items"].as_array().size(), 2u);

  clock_.advance_us(5'000'000);
  auto one = get("/api/v1/mailbox/" + std::to_string(ids[1]));
  ASSERT_EQ(one.status, 200) << one.body;
  auto message = body(one);
  EXPECT_EQ(message["to"].as_string(), "bruno@exemplo.com");
  EXPECT_TRUE(contains(std::string(message["body_text"].as_string()), "482913"));
  EXPECT_TRUE(contains(std::string(message["body_html"].as_string()), "CONFIRMAR E-MAIL"));
  EXPECT_EQ(message["read_at"].as_string(), format_iso8601_utc_ms(clock_.now_us()));
}

TEST_F(EmailRoutesTest, PLT10_MailboxNeedsAPrincipalAndHidesOtherTenants) {
  const Id id = *send(first_access("ana@exemplo.com"));
  EXPECT_EQ(get("/api/v1/mailbox", std::nullopt).status, 401);
  EXPECT_EQ(get("/api/v1/mailbox/" + std::to_string(id), std::nullopt).status, 401);
  EXPECT_EQ(get("/api/v1/mailbox/" + std::to_string(id), tenant_b).status, 404);
  EXPECT_FALSE(stored(id)->read_at_us) << "a failed read marks nothing";
  EXPECT_EQ(body(get("/api/v1/mailbox", tenant_b))["items"].as_array().size(), 0u);
  EXPECT_EQ(get("/api/v1/mailbox/abc").status, 404);
  EXPECT_EQ(get("/api/v1/mailbox/99999999999999999999").status, 404);
  EXPECT_EQ(get("/api/v1/mailbox?cursor=x1").status, 400);
  EXPECT_EQ(get("/api/v1/mailbox?page_size=0").status, 400);
}

}  // namespace
}  // namespace rg::email
