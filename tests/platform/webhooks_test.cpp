// covers PLT-08 (webhooks: triggers, Standard Webhooks signatures, fan-out from the event outbox
// with its fast path, retries and the attempt log, redirects refused, resend, simulate, automatic
// disable of a failing endpoint, routes) on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <atomic>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "db/migrations.hpp"
#include "http/router.hpp"
#include "platform/audit/service.hpp"
#include "platform/events/service.hpp"
#include "platform/jobs/service.hpp"
#include "platform/webhooks/routes.hpp"
#include "platform/webhooks/service.hpp"
#include "support/test_db.hpp"

namespace rg::webhooks {
namespace {

constexpr std::int64_t start_us = 1'790'000'000'000'000;  // 2026-09-21T14:13:20Z
constexpr std::int64_t tenant_a = 7;
constexpr std::int64_t tenant_b = 8;

// A tiny HTTP/1.1 receiver on 127.0.0.1: records each request and answers with the next
// programmed status (200 when none is left), one connection at a time.
class Receiver {
 public:
  struct Received {
    std::string request_line;
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
  };
  struct Answer {
    int status = 200;
    std::string extra_headers;
    std::string body = "ok";
  };

  Receiver() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof addr;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
      throw std::runtime_error("receiver: cannot listen");
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { loop(); });
  }
  ~Receiver() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  std::string url(const std::string& path = "/hook") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  void answer(Answer a) {
    std::lock_guard lock(mutex_);
    answers_.push_back(std::move(a));
  }
  void clear_answers() {
    std::lock_guard lock(mutex_);
    answers_.clear();
  }
  std::vector<Received> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  void loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) continue;
      serve(client);
      ::close(client);
    }
  }
  void serve(int client) {
    std::string data;
    char buffer[4096];
    std::size_t header_end = std::string::npos;
    std::size_t content_length = 0;
    while (true) {
      pollfd p{client, POLLIN, 0};
      if (::poll(&p, 1, 2000) <= 0) return;
      const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      data.append(buffer, static_cast<std::size_t>(n));
      if (header_end == std::string::npos) {
        header_end = data.find("\r\n\r\n");
        if (header_end == std::string::npos) continue;
        const auto at = lower(data.substr(0, header_end)).find("content-length:");
        if (at != std::string::npos) content_length = std::stoul(data.substr(at + 15));
      }
      if (data.size() >= header_end + 4 + content_length) break;
    }
    Received r;
    std::size_t line_end = data.find("\r\n");
    r.request_line = data.substr(0, line_end);
    for (std::size_t at = line_end + 2; at < header_end;) {
      const std::size_t end = data.find("\r\n", at);
      const std::string line = data.substr(at, end - at);
      const auto colon = line.find(':');
      if (colon != std::string::npos) {
        std::string value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        r.headers[lower(line.substr(0, colon))] = value;
      }
      at = end + 2;
    }
    r.body = data.substr(header_end + 4, content_length);
    Answer a;
    {
      std::lock_guard lock(mutex_);
      received_.push_back(std::move(r));
      if (!answers_.empty()) {
        a = answers_.front();
        answers_.pop_front();
      }
    }
    const std::string response = "HTTP/1.1 " + std::to_string(a.status) + " X\r\nContent-Length: " +
                                 std::to_string(a.body.size()) + "\r\nConnection: close\r\n" + a.extra_headers +
                                 "\r\n" + a.body;
    ::send(client, response.data(), response.size(), MSG_NOSIGNAL);
  }
  static std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::deque<Answer> answers_;
  std::vector<Received> received_;
};

// Recomputes a Standard Webhooks signature independently of the service.
std::string expected_signature(const std::string& secret, const std::string& id, const std::string& timestamp,
                               const std::string& body) {
  EXPECT_EQ(secret.rfind("whsec_", 0), 0u);
  const std::string b64 = secret.substr(6);
  std::vector<unsigned char> key(b64.size());
  std::size_t key_len = 0;
  EXPECT_EQ(sodium_base642bin(key.data(), key.size(), b64.data(), b64.size(), nullptr, &key_len, nullptr,
                              sodium_base64_VARIANT_ORIGINAL),
            0);
  EXPECT_GE(key_len, 24u);
  EXPECT_LE(key_len, 32u);
  const std::string message = id + "." + timestamp + "." + body;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key.data(), key_len);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char out[sodium_base64_ENCODED_LEN(crypto_auth_hmacsha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(out, sizeof out, mac, sizeof mac, sodium_base64_VARIANT_ORIGINAL);
  return std::string("v1,") + out;
}

class WebhookTest : public ::testing::Test {
 protected:
  WebhookTest() : clock_(start_us), ids_(clock_, 3), queue_(db(), clock_, ids_), audit_(clock_, ids_),
                  log_(catalog_, clock_, ids_) {
    catalog_.add({"operator.disabled", "Operador desabilitado", "Operator disabled", R"({"operator_id":"42"})"});
    catalog_.add({"account.created", "Conta criada", "Account created", R"({"account_id":"1"})"});
    register_webhook_events(catalog_);
    // Step by step: every pass goes to send jobs, one fan-out round per call.
    service_ = std::make_unique<WebhookService>(db(), clock_, ids_, queue_, audit_, catalog_,
                                                WebhookOptions{.inline_send = false, .busy_ms = 0, .late_check_ms = 0,
                                                               .network = {.loopback = true}});
  }
  void SetUp() override {
    ASSERT_EQ(sodium_init() < 0, false);
    ASSERT_TRUE(db::Migrator(db(), db::embedded_migration_files()).migrate().ok());
  }
  db::Database& db() { return test_db_.db(); }
  static audit::Entry who(std::int64_t tenant = tenant_a) {
    audit::Entry e;
    e.tenant_id = tenant;
    e.actor_type = "operator";
    e.actor_id = 1;
    e.actor_name = "Maria";
    return e;
  }
  Trigger create(const std::string& url, std::vector<std::string> types, bool active = true,
                 std::int64_t tenant = tenant_a) {
    auto t = service_->create(who(tenant), TriggerInput{url, "test", std::move(types), active});
    EXPECT_TRUE(t.ok()) << (t ? "" : t.error().detail);
    clock_.advance_us(1000);
    return *t;
  }
  Id publish(const std::string& type, const std::string& payload, std::int64_t tenant = tenant_a) {
    const Id id = db().transact(db::TxMode::write, [&](db::Transaction& tx) {
      return log_.publish(tx, tenant, type, "operator", "42", payload);
    });
    clock_.advance_us(1000);
    return id;
  }
  // Past the settle window, then one fan-out pass.
  int settle_and_fan_out() {
    clock_.advance_us(6 * microseconds_per_second);
    return service_->fan_out();
  }
  int run_deliveries() {
    int total = 0;
    while (int n = queue_.run_due("test", 16)) total += n;
    return total;
  }
  std::vector<Delivery> deliveries(std::int64_t tenant = tenant_a) {
    return service_->deliveries(tenant, DeliveryFilter{});
  }
  std::int64_t scalar(const std::string& sql) {
    return db().transact(db::TxMode::read, [&](db::Transaction& tx) { return tx.query_one(sql)->integer(0); });
  }

  test::TestDatabase test_db_;
  ManualClock clock_;
  IdGenerator ids_;
  jobs::JobQueue queue_;
  audit::AuditLog audit_;
  events::EventCatalog catalog_;
  events::EventLog log_;
  std::unique_ptr<WebhookService> service_;
  Receiver receiver_;
};

TEST(WebhookUnitTest, PLT08_SecretsAndUrlRules) {
  const std::string secret = new_secret();
  EXPECT_EQ(secret.rfind("whsec_", 0), 0u);
  EXPECT_NE(new_secret(), secret);
  // Standard Webhooks' published test vector.
  EXPECT_EQ(sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                 R"({"test": 2432232314})"),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  EXPECT_EQ(sign("not-a-secret", "id", 1, "{}"), "");
  std::string why;
  const NetworkPolicy test{.loopback = true};
  EXPECT_TRUE(valid_url("https://hooks.example.com/rg", why, test));
  EXPECT_TRUE(valid_url("http://127.0.0.1:8080/x", why, test));
  EXPECT_TRUE(valid_url("http://localhost/x", why, test));
  EXPECT_TRUE(valid_url("http://[::1]:9000/x", why, test));
  EXPECT_FALSE(valid_url("http://hooks.example.com/rg", why, test));
  EXPECT_FALSE(valid_url("ftp://hooks.example.com/rg", why, test));
  EXPECT_FALSE(valid_url("https://user:pw@hooks.example.com/", why, test));
  EXPECT_FALSE(valid_url("not a url", why, test));
  EXPECT_FALSE(valid_url("", why, test));
}

// covers PLT-08 (outbound requests: no requests to private addresses)
TEST(WebhookUnitTest, PLT08_PrivateAndSpecialAddressesAreRefused) {
  EXPECT_EQ(classify_address("8.8.8.8"), AddressClass::public_address);
  EXPECT_EQ(classify_address("2804:14c::1"), AddressClass::public_address);
  EXPECT_EQ(classify_address("127.0.0.1"), AddressClass::loopback);
  EXPECT_EQ(classify_address("127.8.9.10"), AddressClass::loopback);
  EXPECT_EQ(classify_address("[::1]"), AddressClass::loopback);
  EXPECT_EQ(classify_address("::ffff:127.0.0.1"), AddressClass::loopback) << "IPv4-mapped IPv6";
  for (const char* a : {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.10", "100.64.0.1", "fd12::1"}) {
    EXPECT_EQ(classify_address(a), AddressClass::private_network) << a;
  }
  for (const char* a : {"172.15.0.1", "172.32.0.1", "100.128.0.1", "192.169.0.1", "11.0.0.1"}) {
    EXPECT_EQ(classify_address(a), AddressClass::public_address) << a;
  }
  for (const char* a : {"169.254.169.254", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::", "fe80::1", "ff02::1",
                        "::ffff:169.254.169.254"}) {
    EXPECT_EQ(classify_address(a), AddressClass::forbidden) << a;
  }
  EXPECT_FALSE(classify_address("hooks.example.com").has_value());

  const NetworkPolicy production{};
  std::string why;
  EXPECT_FALSE(valid_url("http://127.0.0.1:8080/x", why, production));
  EXPECT_NE(why.find("--webhook-allow-loopback"), std::string::npos) << why;
  EXPECT_FALSE(valid_url("https://localhost/x", why, production));
  EXPECT_FALSE(valid_url("https://10.0.0.8/erp", why, production));
  EXPECT_NE(why.find("--webhook-allow-private"), std::string::npos) << why;
  EXPECT_TRUE(valid_url("https://10.0.0.8/erp", why, {.private_networks = true}));
  EXPECT_FALSE(valid_url("https://169.254.169.254/latest/meta-data", why, {.loopback = true, .private_networks = true}))
      << "cloud metadata is never a destination";
  EXPECT_FALSE(valid_url("https://[fe80::1]/x", why, {.loopback = true, .private_networks = true}));
  EXPECT_TRUE(valid_url("https://hooks.example.com/rg", why, production));
}

TEST_F(WebhookTest, PLT08_ConnectionsToRefusedAddressesAreNotMade) {
  // Names and odd spellings pass URL validation but resolve to loopback: the check runs on the
  // address curl is about to connect to, so nothing reaches the receiver.
  const auto port = receiver_.url().substr(std::string("http://127.0.0.1:").size());
  const SendRequest via_name{"http://localhost:" + port, "{}", {}};
  const SendResult refused = send(via_name, 2000, NetworkPolicy{});
  EXPECT_FALSE(refused.delivered);
  // localhost is ::1 and 127.0.0.1; curl tries both and both are refused.
  EXPECT_NE(refused.error.find("is a loopback address"), std::string::npos) << refused.error;
  const SendResult short_form = send({"http://127.1:" + port, "{}", {}}, 2000, NetworkPolicy{});
  EXPECT_NE(short_form.error.find("destination not allowed"), std::string::npos) << short_form.error;
  EXPECT_TRUE(receiver_.received().empty());
  // The same request with loopback allowed arrives.
  EXPECT_TRUE(send(via_name, 2000, NetworkPolicy{.loopback = true}).delivered);
  EXPECT_EQ(receiver_.received().size(), 1u);
}

TEST_F(WebhookTest, PLT08_DeliveryIsSignedPerStandardWebhooks) {
  const Trigger t = create(receiver_.url(), {"operator.disabled"});
  EXPECT_EQ(t.secret.rfind("whsec_", 0), 0u);
  const Id event = publish("operator.disabled", R"({"operator_id":"42","reason":"férias"})");
  ASSERT_EQ(service_->fan_out(), 1) << "a fresh event goes out without waiting for the settle window";
  EXPECT_EQ(service_->fan_out(), 0) << "and only once";
  EXPECT_EQ(settle_and_fan_out(), 0) << "the cursor moved past the event";
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM webhook_fanned"), 0) << "records at or below the cursor are pruned";
  ASSERT_GE(run_deliveries(), 1);

  const auto got = receiver_.received();
  ASSERT_EQ(got.size(), 1u);
  const auto& r = got[0];
  EXPECT_EQ(r.request_line, "POST /hook HTTP/1.1");
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  const auto list = deliveries();
  ASSERT_EQ(list.size(), 1u);
  const Delivery& d = list[0];
  EXPECT_EQ(r.headers.at("webhook-id"), std::to_string(d.id));
  EXPECT_EQ(r.headers.at("webhook-timestamp"), std::to_string(clock_.now_us() / microseconds_per_second));
  EXPECT_EQ(r.headers.at("webhook-signature"),
            expected_signature(t.secret, r.headers.at("webhook-id"), r.headers.at("webhook-timestamp"), r.body));
  const auto body = boost::json::parse(r.body).as_object();
  EXPECT_EQ(body.at("type").as_string(), "operator.disabled");
  EXPECT_EQ(body.at("timestamp").as_string().size(), std::string("2026-09-21T14:13:20.000Z").size());
  EXPECT_EQ(body.at("data").at("reason").as_string(), "férias");
  EXPECT_FALSE(body.contains("test"));

  EXPECT_EQ(d.status, "delivered");
  EXPECT_EQ(d.attempts, 1);
  EXPECT_EQ(d.last_status_code, 200);
  EXPECT_EQ(d.last_response_excerpt, "ok");
  EXPECT_EQ(d.event_id, event);
  EXPECT_FALSE(d.is_test);
  EXPECT_TRUE(d.delivered_at_us);
}

TEST_F(WebhookTest, PLT08_A500IsRetriedWithBackoffUnderTheSameId) {
  create(receiver_.url(), {"operator.disabled"});
  publish("operator.disabled", "{}");
  ASSERT_EQ(settle_and_fan_out(), 1);
  receiver_.answer({500, "", "boom"});
  EXPECT_EQ(queue_.run_due("test", 16), 1);
  auto d = deliveries()[0];
  EXPECT_EQ(d.status, "queued");
  EXPECT_EQ(d.attempts, 1);
  EXPECT_EQ(d.last_status_code, 500);
  EXPECT_EQ(d.last_response_excerpt, "boom");
  EXPECT_EQ(d.last_error, "HTTP 500");
  EXPECT_TRUE(d.next_attempt_at_us);
  EXPECT_EQ(queue_.run_due("test", 16), 0) << "the retry waits for its backoff";
  clock_.advance_us(2 * microseconds_per_second);
  EXPECT_EQ(queue_.run_due("test", 16), 1);
  d = deliveries()[0];
  EXPECT_EQ(d.status, "delivered");
  EXPECT_EQ(d.attempts, 2);
  const auto got = receiver_.received();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].headers.at("webhook-id"), got[1].headers.at("webhook-id"));
  EXPECT_EQ(got[0].body, got[1].body);

  const auto log = service_->attempts(tenant_a, d.id);
  ASSERT_EQ(log.size(), 2u) << "every attempt is logged, not just the last";
  EXPECT_EQ(log[0].attempt_no, 1);
  EXPECT_EQ(log[0].status_code, 500);
  EXPECT_EQ(log[0].response_excerpt, "boom");
  EXPECT_EQ(log[0].error, "HTTP 500");
  EXPECT_EQ(log[1].attempt_no, 2);
  EXPECT_EQ(log[1].status_code, 200);
  EXPECT_FALSE(log[1].error);
  EXPECT_GT(log[1].attempted_at_us, log[0].attempted_at_us);
  EXPECT_TRUE(service_->attempts(tenant_b, d.id).empty());
}

TEST_F(WebhookTest, PLT08_AFanOutPassSendsItsDeliveriesInOneBatchJob) {
  create(receiver_.url("/a"), {"operator.disabled"});
  create(receiver_.url("/b"), {"operator.disabled"});
  for (int i = 0; i < 3; ++i) publish("operator.disabled", "{}");
  ASSERT_EQ(service_->fan_out(), 6);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'platform.webhooks.send'"), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'platform.webhooks.deliver'"), 0);
  receiver_.answer({500, "", "once"});
  EXPECT_EQ(queue_.run_due("test", 16), 1) << "one job made all six first attempts";
  EXPECT_EQ(receiver_.received().size(), 6u);
  int delivered = 0;
  for (const auto& d : deliveries()) delivered += d.status == "delivered";
  EXPECT_EQ(delivered, 5);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM webhook_attempts"), 6);
  clock_.advance_us(2 * microseconds_per_second);
  EXPECT_EQ(queue_.run_due("test", 16), 1) << "the failed one is retried as a job of its own";
  for (const auto& d : deliveries()) EXPECT_EQ(d.status, "delivered");
}

TEST_F(WebhookTest, PLT08_AnEventThatCommitsLateWithASmallerIdIsStillDelivered) {
  create(receiver_.url(), {"operator.disabled"});
  // A writer draws its event id, then commits after a later event was already fanned out.
  const Id early = ids_.next();
  const std::int64_t early_at = clock_.now_us();
  clock_.advance_us(1000);
  const Id later = publish("operator.disabled", R"({"n":2})");
  ASSERT_EQ(service_->fan_out(), 1);
  db().transact(db::TxMode::write, [&](db::Transaction& tx) {
    tx.execute("INSERT INTO events (tenant_id, id, type, subject_type, subject_id, payload, request_id, occurred_at_us)"
               " VALUES ($1, $2, 'operator.disabled', 'operator', '42', '{\"n\":1}', NULL, $3)",
               {tenant_a, early, early_at});
  });
  ASSERT_EQ(service_->fan_out(), 1) << "the late event was not skipped";
  EXPECT_EQ(settle_and_fan_out(), 0);
  std::set<Id> events;
  for (const auto& d : deliveries()) events.insert(*d.event_id);
  EXPECT_EQ(events, (std::set<Id>{early, later}));
  EXPECT_EQ(scalar("SELECT last_event_id FROM webhook_cursors"), later);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM webhook_fanned"), 0);
}

TEST_F(WebhookTest, PLT08_ASuccessEndsTheFailingStreak) {
  const Trigger t = create(receiver_.url(), {"operator.disabled"});
  for (int i = 0; i < 3; ++i) receiver_.answer({500, "", "down"});
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(service_->simulate(who(), t.id, "operator.disabled").ok());
  EXPECT_EQ(queue_.run_due("test", 16), 3);
  auto now = *service_->get(tenant_a, t.id);
  EXPECT_EQ(now.consecutive_failures, 3);
  EXPECT_EQ(now.failing_since_us, clock_.now_us());
  clock_.advance_us(10 * microseconds_per_second);
  run_deliveries();
  now = *service_->get(tenant_a, t.id);
  EXPECT_EQ(now.consecutive_failures, 0);
  EXPECT_FALSE(now.failing_since_us);
  EXPECT_TRUE(now.active);
}

TEST_F(WebhookTest, PLT08_AnEndpointFailingForDaysIsDisabledAuditedAnnouncedAndNoticed) {
  std::vector<Trigger> noticed;
  service_->on_disabled([&](db::Transaction&, const Trigger& t) {
    noticed.push_back(t);
    return Status{};
  });
  const Trigger t = create(receiver_.url(), {"operator.disabled", "webhook.trigger.disabled"});
  const Trigger healthy = create(receiver_.url("/ok"), {"operator.disabled"});
  for (int i = 0; i < 1000; ++i) receiver_.answer({503, "", "maintenance"});
  const std::int64_t first_failure = clock_.now_us();
  // Four days of failures, many attempts: not yet long enough.
  for (int day = 0; day < 4; ++day) {
    ASSERT_TRUE(service_->simulate(who(), t.id, "operator.disabled").ok());
    for (int hours = 0; hours < 24; hours += 6) {
      run_deliveries();
      clock_.advance_us(6 * 3600 * microseconds_per_second);
    }
  }
  auto now = *service_->get(tenant_a, t.id);
  EXPECT_TRUE(now.active);
  EXPECT_GE(now.consecutive_failures, disable_failures_min);
  EXPECT_EQ(now.failing_since_us, first_failure);
  EXPECT_TRUE(noticed.empty());
  // Past five days the next failure disables it.
  clock_.advance_us(disable_after_failing_us - 4 * microseconds_per_day + microseconds_per_second);
  ASSERT_TRUE(service_->simulate(who(), t.id, "operator.disabled").ok());
  run_deliveries();
  now = *service_->get(tenant_a, t.id);
  EXPECT_FALSE(now.active);
  EXPECT_EQ(now.disabled_reason, disabled_reason_failing);
  EXPECT_TRUE(now.disabled_at_us);
  ASSERT_EQ(noticed.size(), 1u);
  EXPECT_EQ(noticed[0].id, t.id);
  EXPECT_TRUE(service_->get(tenant_a, healthy.id)->active);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'webhook_trigger.disabled'"), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM events WHERE type = 'webhook.trigger.disabled' AND subject_id = '" +
                   std::to_string(t.id) + "'"),
            1);

  // Inactive: no new deliveries, queued ones fail without a request, simulate/resend refused.
  receiver_.clear_answers();
  const auto requests_before = receiver_.received().size();
  const auto count_for = [&](Id trigger) {
    DeliveryFilter f;
    f.trigger_id = trigger;
    f.limit = 500;
    return service_->deliveries(tenant_a, f).size();
  };
  const auto queued_before = count_for(t.id);
  publish("operator.disabled", "{}");
  EXPECT_EQ(service_->fan_out(), 1) << "only the healthy trigger";
  EXPECT_EQ(count_for(t.id), queued_before);
  EXPECT_EQ(count_for(healthy.id), 1u);
  clock_.advance_us(3 * 3600 * microseconds_per_second);  // the old retries come due
  run_deliveries();
  std::size_t to_t = 0;
  for (const auto& r : receiver_.received()) to_t += r.request_line == "POST /hook HTTP/1.1";
  EXPECT_EQ(to_t, requests_before) << "no request to the disabled endpoint";
  for (const auto& d : deliveries()) {
    if (d.trigger_id == t.id) {
      EXPECT_EQ(d.status, "failed") << d.id;
    }
  }
  auto refused = service_->simulate(who(), t.id, "operator.disabled");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(service_->resend(who(), deliveries().back().id).error().code, ErrorCode::conflict);

  // Activating it again clears the reason and the streak.
  auto active = service_->update(who(), t.id, TriggerInput{{}, {}, {}, true});
  ASSERT_TRUE(active.ok());
  EXPECT_TRUE(active->active);
  EXPECT_FALSE(active->disabled_reason);
  EXPECT_EQ(active->consecutive_failures, 0);
  EXPECT_FALSE(active->failing_since_us);
}

TEST_F(WebhookTest, PLT08_RedirectsAreNotFollowed) {
  create(receiver_.url(), {"operator.disabled"});
  publish("operator.disabled", "{}");
  ASSERT_EQ(settle_and_fan_out(), 1);
  receiver_.answer({302, "Location: " + receiver_.url("/elsewhere") + "\r\n", ""});
  EXPECT_EQ(queue_.run_due("test", 16), 1);
  const auto got = receiver_.received();
  ASSERT_EQ(got.size(), 1u) << "the Location was not requested";
  const auto d = deliveries()[0];
  EXPECT_EQ(d.status, "queued");
  EXPECT_EQ(d.last_status_code, 302);
}

TEST_F(WebhookTest, PLT08_AfterTheLastAttemptTheDeliveryFails) {
  create("http://127.0.0.1:1/closed", {"operator.disabled"});
  publish("operator.disabled", "{}");
  ASSERT_EQ(settle_and_fan_out(), 1);
  std::int64_t elapsed_us = 0;
  for (int attempt = 1; attempt <= deliver_attempts_max; ++attempt) {
    ASSERT_EQ(queue_.run_due("test", 16), 1) << "attempt " << attempt;
    if (attempt < deliver_attempts_max) {
      const auto d = deliveries()[0];
      ASSERT_EQ(d.status, "queued");
      const std::int64_t wait = *d.next_attempt_at_us - clock_.now_us();
      elapsed_us += wait;
      clock_.advance_us(wait * 2);  // past the nominal delay and its jitter
    }
  }
  const auto d = deliveries()[0];
  EXPECT_EQ(d.status, "failed");
  EXPECT_EQ(d.attempts, deliver_attempts_max);
  EXPECT_FALSE(d.last_status_code);
  EXPECT_TRUE(d.last_error && !d.last_error->empty());
  EXPECT_GT(elapsed_us, 20 * 3600 * microseconds_per_second) << "retries span about a day";
  EXPECT_LT(elapsed_us, 28 * 3600 * microseconds_per_second);
  EXPECT_EQ(queue_.run_due("test", 16), 0);
}

TEST_F(WebhookTest, PLT08_LargeOrBinaryResponsesAreCappedAndStoredSafely) {
  const Trigger t = create(receiver_.url(), {"operator.disabled"});
  std::string big("caf\xc3\xa9 \xff\x00 ", 9);  // a NUL and a byte that is not UTF-8
  big += std::string(200 * 1024, 'x');
  receiver_.answer({200, "", big});
  ASSERT_TRUE(service_->simulate(who(), t.id, "operator.disabled").ok());
  EXPECT_EQ(run_deliveries(), 1);
  const auto d = deliveries()[0];
  EXPECT_EQ(d.status, "delivered") << d.last_error.value_or("");
  ASSERT_TRUE(d.last_response_excerpt);
  EXPECT_EQ(d.last_response_excerpt->size(), response_excerpt_bytes_max);
  EXPECT_EQ(d.last_response_excerpt->substr(0, 10), "caf\xc3\xa9 ?? x");
}

TEST_F(WebhookTest, PLT08_UrlsAreValidatedOnCreateAndUpdate) {
  auto bad = service_->create(who(), TriggerInput{"http://hooks.example.com/x", "", {{"operator.disabled"}}, true});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::invalid);
  ASSERT_FALSE(bad.error().fields.empty());
  EXPECT_EQ(bad.error().fields[0].field, "url");
  auto unknown = service_->create(who(), TriggerInput{"https://hooks.example.com/x", "", {{"nope"}}, true});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields[0].field, "event_types");
  auto good = service_->create(who(), TriggerInput{"https://hooks.example.com/x", "", {{"operator.disabled"}}, true});
  ASSERT_TRUE(good.ok());
  auto update = service_->update(who(), good->id, TriggerInput{"ftp://hooks.example.com/x", {}, {}, {}});
  ASSERT_FALSE(update.ok());
  EXPECT_EQ(update.error().fields[0].field, "url");
  EXPECT_EQ(service_->get(tenant_a, good->id)->url, "https://hooks.example.com/x");
  EXPECT_FALSE(service_->get(tenant_b, good->id).ok()) << "another tenant's trigger is not found";
}

TEST_F(WebhookTest, PLT08_FanOutReachesOnlyMatchingActiveTriggers) {
  publish("operator.disabled", "{}");  // before any trigger: never delivered
  const Trigger match = create(receiver_.url("/a"), {"operator.disabled", "account.created"});
  create(receiver_.url("/b"), {"account.created"});
  create(receiver_.url("/c"), {"operator.disabled"}, false);
  const Trigger gone = create(receiver_.url("/d"), {"operator.disabled"});
  ASSERT_TRUE(service_->remove(who(), gone.id).ok());
  create(receiver_.url("/other-tenant"), {"operator.disabled"}, true, tenant_b);
  publish("operator.disabled", "{}");
  ASSERT_EQ(settle_and_fan_out(), 1);
  const auto list = deliveries();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].trigger_id, match.id);
  EXPECT_TRUE(deliveries(tenant_b).empty());
  run_deliveries();
  const auto got = receiver_.received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].request_line, "POST /a HTTP/1.1");
}

TEST_F(WebhookTest, PLT08_ARolledBackEventIsNeverDelivered) {
  create(receiver_.url(), {"operator.disabled"});
  EXPECT_THROW(db().transact(db::TxMode::write,
                             [&](db::Transaction& tx) {
                               log_.publish(tx, tenant_a, "operator.disabled", "operator", "1", "{}");
                               throw std::runtime_error("the change failed");
                             }),
               std::runtime_error);
  EXPECT_EQ(settle_and_fan_out(), 0);
  EXPECT_TRUE(deliveries().empty());
  EXPECT_EQ(run_deliveries(), 0);
  EXPECT_TRUE(receiver_.received().empty());
}

TEST_F(WebhookTest, PLT08_ResendDeliversTheSameBodyAsANewMessage) {
  create(receiver_.url(), {"operator.disabled"});
  publish("operator.disabled", R"({"n":1})");
  ASSERT_EQ(settle_and_fan_out(), 1);
  run_deliveries();
  const Delivery first = deliveries()[0];
  ASSERT_EQ(first.status, "delivered");
  auto again = service_->resend(who(), first.id);
  ASSERT_TRUE(again.ok()) << again.error().detail;
  EXPECT_NE(again->id, first.id);
  EXPECT_EQ(again->event_id, first.event_id);
  run_deliveries();
  const auto got = receiver_.received();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].body, got[1].body);
  EXPECT_EQ(got[1].headers.at("webhook-id"), std::to_string(again->id));
  EXPECT_EQ(service_->delivery(tenant_a, again->id)->status, "delivered");
  EXPECT_FALSE(service_->resend(who(tenant_b), first.id).ok());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'webhook_delivery.resent'"), 1);
}

TEST_F(WebhookTest, PLT08_SimulateSendsTheSamplePayloadMarkedAsTest) {
  const Trigger t = create(receiver_.url(), {"operator.disabled"});
  auto d = service_->simulate(who(), t.id, "account.created");
  ASSERT_TRUE(d.ok()) << d.error().detail;
  EXPECT_TRUE(d->is_test);
  EXPECT_FALSE(d->event_id);
  EXPECT_FALSE(service_->simulate(who(), t.id, "nope").ok());
  run_deliveries();
  const auto got = receiver_.received();
  ASSERT_EQ(got.size(), 1u);
  const auto body = boost::json::parse(got[0].body).as_object();
  EXPECT_EQ(body.at("type").as_string(), "account.created");
  EXPECT_EQ(body.at("data").at("account_id").as_string(), "1");
  EXPECT_TRUE(body.at("test").as_bool());
  EXPECT_EQ(got[0].headers.at("webhook-signature"),
            expected_signature(t.secret, got[0].headers.at("webhook-id"), got[0].headers.at("webhook-timestamp"),
                               got[0].body));
}

TEST_F(WebhookTest, PLT08_RotatedSecretSignsTheNextAttempt) {
  const Trigger t = create(receiver_.url(), {"operator.disabled"});
  auto rotated = service_->rotate_secret(who(), t.id);
  ASSERT_TRUE(rotated.ok());
  EXPECT_NE(rotated->secret, t.secret);
  ASSERT_TRUE(service_->simulate(who(), t.id, "operator.disabled").ok());
  run_deliveries();
  const auto r = receiver_.received().at(0);
  EXPECT_EQ(r.headers.at("webhook-signature"),
            expected_signature(rotated->secret, r.headers.at("webhook-id"), r.headers.at("webhook-timestamp"), r.body));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'webhook_trigger.%'"), 2);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%whsec_%'"), 0) << "secrets stay out";
}

// --- Routes --------------------------------------------------------------------------------------

class WebhookRoutesTest : public WebhookTest {
 protected:
  void SetUp() override {
    WebhookTest::SetUp();
    register_webhook_routes(router_, *service_, {"webhooks.read", "webhooks.write"});
  }
  http::Response call(const std::string& method, const std::string& target, const std::string& body = "",
                      std::int64_t tenant = tenant_a) {
    http::Request request;
    request.method = method;
    request.target = target;
    const auto q = target.find('?');
    request.path = target.substr(0, q);
    request.query_string = q == std::string::npos ? "" : target.substr(q + 1);
    request.request_id = "test";
    request.body = body;
    http::Principal principal;
    principal.tenant_id = tenant;
    principal.operator_id = 1;
    request.principal = std::make_shared<const http::Principal>(principal);
    const auto match = router_.match(request);
    if (!match.route) return http::Response{404, {}, ""};
    EXPECT_EQ(match.route->permission, method == "GET" ? "webhooks.read" : "webhooks.write") << target;
    return match.route->handler(request);
  }
  static boost::json::object json(const http::Response& response) {
    return boost::json::parse(response.body).as_object();
  }
  http::Router router_;
};

TEST_F(WebhookRoutesTest, PLT08_TriggersThroughTheApi) {
  auto types = call("GET", "/api/v1/webhooks/event-types");
  ASSERT_EQ(types.status, 200);
  EXPECT_EQ(json(types)["items"].as_array().size(), 3u);
  EXPECT_EQ(json(types)["items"].as_array()[1].at("description_pt").as_string(), "Operador desabilitado");

  auto bad = call("POST", "/api/v1/webhooks/triggers",
                  R"({"url":"http://hooks.example.com","event_types":["operator.disabled"]})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("\"url\""), std::string::npos) << bad.body;

  auto created = call("POST", "/api/v1/webhooks/triggers",
                      R"({"url":")" + receiver_.url() + R"(","description":"ERP","event_types":["operator.disabled"]})");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto c = json(created);
  const std::string id(c.at("id").as_string());
  EXPECT_EQ(std::string(c.at("secret").as_string()).rfind("whsec_", 0), 0u);

  auto one = call("GET", "/api/v1/webhooks/triggers/" + id);
  ASSERT_EQ(one.status, 200);
  EXPECT_FALSE(json(one).contains("secret"));
  EXPECT_EQ(one.body.find("whsec_"), std::string::npos);
  auto listed = call("GET", "/api/v1/webhooks/triggers");
  EXPECT_EQ(listed.body.find("whsec_"), std::string::npos);
  EXPECT_EQ(json(listed)["items"].as_array().size(), 1u);
  EXPECT_EQ(call("GET", "/api/v1/webhooks/triggers/" + id, "", tenant_b).status, 404);

  auto patched = call("PATCH", "/api/v1/webhooks/triggers/" + id, R"({"active":false})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_FALSE(json(patched).at("active").as_bool());
  EXPECT_EQ(call("POST", "/api/v1/webhooks/triggers/" + id + "/simulate", R"({"event_type":"account.created"})").status,
            409)
      << "an inactive trigger gets no deliveries";
  EXPECT_EQ(call("POST", "/api/v1/webhooks/triggers/" + id + "/simulate", "{}", tenant_b).status, 404)
      << "another tenant's trigger is 404 before the body is read";
  ASSERT_EQ(call("PATCH", "/api/v1/webhooks/triggers/" + id, R"({"active":true})").status, 200);

  auto rotated = call("POST", "/api/v1/webhooks/triggers/" + id + "/rotate-secret");
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  EXPECT_NE(json(rotated).at("secret").as_string(), c.at("secret").as_string());

  auto simulated = call("POST", "/api/v1/webhooks/triggers/" + id + "/simulate", R"({"event_type":"account.created"})");
  ASSERT_EQ(simulated.status, 202) << simulated.body;
  const std::string delivery_id(json(simulated).at("id").as_string());
  run_deliveries();
  auto deliveries = call("GET", "/api/v1/webhooks/deliveries?trigger_id=" + id + "&status=delivered");
  ASSERT_EQ(deliveries.status, 200) << deliveries.body;
  ASSERT_EQ(json(deliveries)["items"].as_array().size(), 1u);
  auto delivery = call("GET", "/api/v1/webhooks/deliveries/" + delivery_id);
  ASSERT_EQ(delivery.status, 200);
  EXPECT_TRUE(json(delivery).at("is_test").as_bool());
  EXPECT_EQ(json(delivery).at("last_status_code").as_int64(), 200);
  ASSERT_EQ(json(delivery).at("attempt_log").as_array().size(), 1u);
  EXPECT_EQ(json(delivery).at("attempt_log").as_array()[0].at("status_code").as_int64(), 200);
  auto resent = call("POST", "/api/v1/webhooks/deliveries/" + delivery_id + "/resend");
  EXPECT_EQ(resent.status, 202) << resent.body;
  EXPECT_EQ(call("GET", "/api/v1/webhooks/deliveries?status=bogus").status, 400);

  EXPECT_EQ(call("DELETE", "/api/v1/webhooks/triggers/" + id).status, 204);
  EXPECT_EQ(call("GET", "/api/v1/webhooks/triggers/" + id).status, 404);
  EXPECT_EQ(call("DELETE", "/api/v1/webhooks/triggers/" + id).status, 404);
}

TEST_F(WebhookRoutesTest, PLT08_DeliveriesFilterByEventTypeAndSaoPauloCreationDays) {
  const Trigger t = create(receiver_.url(), {"operator.disabled", "account.created"});
  const auto simulate = [&](std::int64_t at_us, const std::string& type) {
    clock_.set_us(at_us);
    auto d = service_->simulate(who(), t.id, type);
    EXPECT_TRUE(d.ok()) << (d ? "" : d.error().detail);
    return std::to_string(d->id);
  };
  constexpr std::int64_t utc_2026_09_22 = 1'790'035'200 * microseconds_per_second;  // 00:00Z
  // 2026-09-21 11:13 in São Paulo.
  const auto first = simulate(start_us, "operator.disabled");
  // 02:30Z on the 22nd is still 23:30 of the 21st in São Paulo.
  const auto late = simulate(utc_2026_09_22 + 9'000 * microseconds_per_second, "account.created");
  // 03:30Z on the 22nd is 00:30 of the 22nd in São Paulo.
  const auto next_day = simulate(utc_2026_09_22 + 12'600 * microseconds_per_second, "operator.disabled");

  const auto ids = [&](const std::string& query) {
    auto r = call("GET", "/api/v1/webhooks/deliveries?" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    std::vector<std::string> out;
    if (r.status != 200) return out;
    const auto body = json(r);
    for (const auto& item : body.at("items").as_array()) out.emplace_back(item.at("id").as_string());
    return out;
  };
  using Ids = std::vector<std::string>;
  EXPECT_EQ(ids(""), (Ids{next_day, late, first}));
  EXPECT_EQ(ids("event_type=account.created"), (Ids{late}));
  EXPECT_EQ(ids("event_type=operator.disabled"), (Ids{next_day, first}));
  EXPECT_EQ(ids("event_type=operator"), Ids{}) << "exact, not a prefix";
  EXPECT_EQ(ids("created_from=2026-09-21&created_to=2026-09-21"), (Ids{late, first})) << "São Paulo days";
  EXPECT_EQ(ids("created_from=2026-09-22"), (Ids{next_day}));
  EXPECT_EQ(ids("created_to=2026-09-20"), Ids{});
  EXPECT_EQ(ids("created_from=2026-09-21&created_to=2026-09-21&event_type=operator.disabled"), (Ids{first}));
  EXPECT_EQ(ids("created_from=&created_to=&event_type="), (Ids{next_day, late, first})) << "empty means absent";

  // The filters hold across pages.
  auto page1 = call("GET", "/api/v1/webhooks/deliveries?page_size=1&event_type=operator.disabled");
  ASSERT_EQ(page1.status, 200) << page1.body;
  ASSERT_EQ(json(page1).at("items").as_array().size(), 1u);
  EXPECT_EQ(json(page1).at("items").as_array()[0].at("id").as_string(), next_day);
  const std::string cursor(json(page1).at("next_cursor").as_string());
  EXPECT_EQ(ids("page_size=1&event_type=operator.disabled&cursor=" + cursor), (Ids{first}));

  // Bad values are 400 naming the parameter.
  for (const auto& [query, field] : {std::pair{"created_from=2026-13-01", "created_from"},
                                     std::pair{"created_from=21/09/2026", "created_from"},
                                     std::pair{"created_to=2026-02-29", "created_to"},
                                     std::pair{"created_from=2026-09-22&created_to=2026-09-21", "created_to"},
                                     std::pair{"event_type=operator%01disabled", "event_type"},
                                     std::pair{"event_type=conta%20criada", "event_type"}}) {
    auto r = call("GET", std::string("/api/v1/webhooks/deliveries?") + query);
    EXPECT_EQ(r.status, 400) << query << ": " << r.body;
    EXPECT_NE(r.body.find(std::string("\"") + field + "\""), std::string::npos) << query << ": " << r.body;
  }
}

}  // namespace
}  // namespace rg::webhooks
