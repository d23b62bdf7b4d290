// covers PLT-11 (push notifications: devices, the per-customer outbox, the messaging resource
// gate, the sandbox gateway's outcomes, retries and failure) on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "db/migrations.hpp"
#include "http/router.hpp"
#include "platform/audit/service.hpp"
#include "platform/jobs/service.hpp"
#include "platform/messages/service.hpp"
#include "platform/push/gateway.hpp"
#include "platform/push/routes.hpp"
#include "platform/push/service.hpp"
#include "platform/route_call.hpp"
#include "support/test_db.hpp"

namespace rg::push {
namespace {

constexpr std::int64_t start_us = 1'790'000'000'000'000;
constexpr std::int64_t tenant_a = 7;
constexpr std::int64_t tenant_b = 8;
constexpr std::int64_t hour_us = 3600 * microseconds_per_second;

// A gateway that is down: every request is "unavailable".
class DownGateway final : public PushGateway {
 public:
  GatewayResult send(const GatewayRequest&) override {
    ++calls;
    return {Outcome::unavailable, std::nullopt};
  }
  std::optional<std::int64_t> delivered_at(std::int64_t, Id) override { return std::nullopt; }
  int calls = 0;
};

std::string token(const std::string& platform, const std::string& hex32) { return sandbox_token(platform, hex32); }

class PushTest : public ::testing::Test {
 protected:
  PushTest()
      : clock_(start_us), ids_(clock_, 5), queue_(db(), clock_, ids_), audit_(clock_, ids_),
        messages_(db(), clock_, ids_, audit_), gateway_(db(), clock_, ids_) {}
  void SetUp() override {
    ASSERT_TRUE(db::Migrator(db(), db::embedded_migration_files()).migrate().ok());
    db().transact(db::TxMode::write, [&](db::Transaction& tx) {
      for (auto id : {tenant_a, tenant_b}) {
        tx.execute("INSERT INTO tenants (id, name, email, status, created_at_us, updated_at_us)"
                   " VALUES ($1, $2, 'x@y.com.br', 'active', 1, 1)",
                   {id, "Banco " + std::to_string(id)});
      }
    });
    service_ = std::make_unique<PushService>(db(), clock_, ids_, queue_, audit_, messages_, gateway_);
  }
  db::Database& db() { return test_db_.db(); }
  static audit::Entry who(std::int64_t tenant = tenant_a) {
    audit::Entry e;
    e.tenant_id = tenant;
    e.actor_type = "operator";
    e.actor_id = 1;
    e.actor_name = "Helena";
    return e;
  }
  void enable(std::int64_t tenant = tenant_a) {
    ASSERT_TRUE(messages_.set_resources(who(99), tenant, {{messages::resource_messaging, true}}).ok());
  }
  Device device(const std::string& customer, const std::string& platform, const std::string& tok,
                std::int64_t tenant = tenant_a) {
    auto d = service_->register_device(who(tenant), customer, platform, tok);
    EXPECT_TRUE(d.ok()) << (d ? "" : d.error().detail);
    return *d;
  }
  Result<Notification> send(const std::string& customer, std::int64_t tenant = tenant_a) {
    return service_->send(who(tenant), {customer, "Pix recebido", "Você recebeu R$ 10,00.", R"({"link":"app://extrato"})"});
  }
  int run_jobs() {
    int total = 0;
    while (int n = queue_.run_due("test", 16)) total += n;
    return total;
  }
  Notification reload(const Notification& n) { return service_->notification(n.tenant_id, n.id)->first; }
  std::vector<Delivery> deliveries(const Notification& n) { return service_->notification(n.tenant_id, n.id)->second; }
  std::int64_t scalar(const std::string& sql) {
    return db().transact(db::TxMode::read, [&](db::Transaction& tx) { return tx.query_one(sql)->integer(0); });
  }

  test::TestDatabase test_db_;
  ManualClock clock_;
  IdGenerator ids_;
  jobs::JobQueue queue_;
  audit::AuditLog audit_;
  messages::MessageService messages_;
  SandboxGateway gateway_;
  std::unique_ptr<PushService> service_;
};

TEST(PushUnitTest, PLT11_SandboxTokensFollowTheChecksumRule) {
  const auto android = token("android", "3f9a1c7e5b2d48a6901c3e7f5a2b8d4c");
  EXPECT_EQ(android.size(), 41u);
  EXPECT_EQ(android.rfind("sbx-a-", 0), 0u);
  EXPECT_EQ(sandbox_token_outcome("android", android), Outcome::accepted);
  EXPECT_EQ(sandbox_token_outcome("ios", android), Outcome::invalid_token) << "an Android token on an iPhone";
  std::string tampered = android;
  tampered[10] = tampered[10] == '0' ? '1' : '0';
  EXPECT_EQ(sandbox_token_outcome("android", tampered), Outcome::invalid_token) << "the check no longer matches";
  EXPECT_EQ(sandbox_token_outcome("android", "not-a-token"), Outcome::invalid_token);
  EXPECT_EQ(sandbox_token_outcome("android", std::string(android).replace(6, 2, "AB")), Outcome::invalid_token);
  EXPECT_EQ(sandbox_token_outcome("ios", token("ios", "00d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8")), Outcome::unregistered);
}

TEST_F(PushTest, PLT11_SendingNeedsTheMessagingResourceAndWritesNothingWithoutIt) {
  device("cliente-1", "android", token("android", "3f9a1c7e5b2d48a6901c3e7f5a2b8d4c"));
  auto refused = send("cliente-1");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "resource");
  EXPECT_EQ(refused.error().fields[0].code, "resource_disabled");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM push_notifications"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM push_deliveries"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'platform.push.deliver'"), 0);
  enable(tenant_b);
  EXPECT_FALSE(send("cliente-1").ok()) << "switching B on does not switch A on";
  enable();
  EXPECT_TRUE(send("cliente-1").ok());
}

TEST_F(PushTest, PLT11_ANotificationIsSentToEveryDeviceAndDelivered) {
  enable();
  device("cliente-1", "android", token("android", "3f9a1c7e5b2d48a6901c3e7f5a2b8d4c"));
  device("cliente-1", "ios", token("ios", "7c1e9a3b5d2f4806a1b3c5d7e9f0a2b4"));
  device("cliente-2", "ios", token("ios", "a4b6c8d0e2f41357a9bbcdef01234567"));
  auto n = send("cliente-1");
  ASSERT_TRUE(n.ok()) << n.error().detail;
  EXPECT_EQ(n->status, "queued");
  EXPECT_EQ(run_jobs(), 2) << "deliver, then receipts";
  const auto done = reload(*n);
  EXPECT_EQ(done.status, "delivered");
  EXPECT_TRUE(done.sent_at_us.has_value());
  EXPECT_TRUE(done.delivered_at_us.has_value());
  const auto ds = deliveries(*n);
  ASSERT_EQ(ds.size(), 2u);
  for (const auto& d : ds) {
    EXPECT_EQ(d.status, "delivered");
    EXPECT_TRUE(d.gateway_message_id.has_value());
  }
  const auto received = gateway_.received(tenant_a, std::nullopt, 10);
  ASSERT_EQ(received.size(), 2u);
  for (const auto& m : received) {
    EXPECT_EQ(m.outcome, "accepted");
    EXPECT_EQ(m.collapse_id, std::to_string(n->id));
    EXPECT_EQ(m.title, "Pix recebido");
    EXPECT_EQ(*m.data, R"({"link":"app://extrato"})");
  }
  EXPECT_TRUE(gateway_.received(tenant_b, std::nullopt, 10).empty());
  EXPECT_FALSE(service_->notification(tenant_b, n->id).ok()) << "another tenant's notification is not found";
}

TEST_F(PushTest, PLT11_InvalidAndUnregisteredTokensFailAndRetireTheDevice) {
  enable();
  std::string bad = token("android", "3f9a1c7e5b2d48a6901c3e7f5a2b8d4c");
  bad.back() = bad.back() == '0' ? '1' : '0';
  const auto broken = device("cliente-3", "android", bad);
  const auto removed_app = device("cliente-3", "ios", token("ios", "00d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8"));
  auto n = send("cliente-3");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(run_jobs(), 1) << "nothing sent, so no receipts job";
  const auto failed = reload(*n);
  EXPECT_EQ(failed.status, "failed");
  ASSERT_TRUE(failed.last_error.has_value());
  std::map<Id, std::string> errors;
  for (const auto& d : deliveries(*n)) {
    EXPECT_EQ(d.status, "failed");
    errors[d.device_id] = d.error.value_or("");
  }
  EXPECT_EQ(errors[broken.id], "invalid_token");
  EXPECT_EQ(errors[removed_app.id], "unregistered");
  auto devices = service_->devices(tenant_a, DeviceFilter{"cliente-3", {}, {}, 10});
  ASSERT_EQ(devices.size(), 2u);
  for (const auto& d : devices) EXPECT_EQ(d.status, d.id == broken.id ? "invalid" : "unregistered");
  auto again = send("cliente-3");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().fields.at(0).field, "customer_ref") << "no active device left";
  // Registering the same token again re-activates its device (one row per token).
  const auto back = device("cliente-4", "ios", token("ios", "00d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8"));
  EXPECT_EQ(back.id, removed_app.id);
  EXPECT_EQ(back.status, "active");
  EXPECT_EQ(back.customer_ref, "cliente-4");
}

TEST_F(PushTest, PLT11_AnUnavailableGatewayIsRetriedWithBackoff) {
  enable();
  device("cliente-5", "android", token("android", "ee11223344556677889900aabbccddee"));
  auto n = send("cliente-5");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(run_jobs(), 1);
  auto waiting = reload(*n);
  EXPECT_EQ(waiting.status, "queued");
  EXPECT_EQ(waiting.attempts, 1);
  ASSERT_TRUE(waiting.last_error.has_value());
  EXPECT_EQ(run_jobs(), 0) << "the retry waits for its backoff";
  clock_.advance_us(hour_us);
  EXPECT_EQ(run_jobs(), 2);
  EXPECT_EQ(reload(*n).status, "delivered");
  EXPECT_EQ(reload(*n).attempts, 2);
  const auto received = gateway_.received(tenant_a, std::nullopt, 10);
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[1].outcome, "unavailable");
  EXPECT_EQ(received[0].outcome, "accepted");
}

TEST_F(PushTest, PLT11_AfterTheLastAttemptTheNotificationFails) {
  DownGateway down;
  PushService service(db(), clock_, ids_, queue_, audit_, messages_, down);  // re-registers the job kinds
  enable();
  ASSERT_TRUE(service.register_device(who(), "cliente-6", "android", token("android", "3f9a1c7e5b2d48a6901c3e7f5a2b8d4c")).ok());
  auto n = service.send(who(), {"cliente-6", "Título", "Texto", std::nullopt});
  ASSERT_TRUE(n.ok());
  for (int attempt = 1; attempt <= deliver_attempts_max; ++attempt) {
    ASSERT_EQ(queue_.run_due("test", 16), 1) << "attempt " << attempt;
    clock_.advance_us(2 * hour_us);
  }
  EXPECT_EQ(queue_.run_due("test", 16), 0);
  EXPECT_EQ(down.calls, deliver_attempts_max);
  const auto failed = service.notification(tenant_a, n->id);
  EXPECT_EQ(failed->first.status, "failed");
  EXPECT_EQ(failed->second.at(0).status, "failed");
  EXPECT_EQ(failed->second.at(0).attempts, deliver_attempts_max);
}

TEST_F(PushTest, PLT11_ThePayloadLimitIsTheGatewaysOwn) {
  auto r = gateway_.send({tenant_a, "1", "android", token("android", "3f9a1c7e5b2d48a6901c3e7f5a2b8d4c"), "T",
                          std::string(4200, 'x'), std::nullopt});
  EXPECT_EQ(r.outcome, Outcome::payload_too_large);
  EXPECT_FALSE(r.message_id.has_value());
  EXPECT_EQ(gateway_.received(tenant_a, std::nullopt, 10).at(0).outcome, "payload_too_large");
}

TEST_F(PushTest, PLT11_DeviceInputIsValidatedAndTheTokenNeverRendered) {
  auto bad = service_->register_device(who(), "cliente com espaço", "windows", "short");
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"customer_ref", "platform", "token"}));
  const auto tok = token("android", "3f9a1c7e5b2d48a6901c3e7f5a2b8d4c");
  const auto d = device("cliente-7", "android", tok);
  const auto rendered = device_json(d);
  EXPECT_EQ(rendered.find(tok.substr(0, 20)), std::string::npos);
  EXPECT_NE(rendered.find("\"token_hint\":\"…" + tok.substr(tok.size() - 4) + "\""), std::string::npos);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'push.device_registered'"), 1);
  EXPECT_EQ(db().transact(db::TxMode::read, [&](db::Transaction& tx) {
              return tx.query_one("SELECT after_json FROM audit_log WHERE action = 'push.device_registered'")->text(0);
            }).find(tok.substr(0, 20)),
            std::string::npos)
      << "nor audited";
  ASSERT_TRUE(service_->remove_device(who(), d.id).ok());
  EXPECT_EQ(service_->remove_device(who(), d.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(service_->remove_device(who(tenant_b), d.id).error().code, ErrorCode::not_found);
}

class PushRoutesTest : public PushTest {
 protected:
  void SetUp() override {
    PushTest::SetUp();
    register_push_routes(router_, *service_, gateway_, {"push.read", "push.send", "push.devices"});
  }
  http::Response call(const std::string& method, const std::string& target, const std::string& body = "",
                      std::int64_t tenant = tenant_a) {
    return test::call_route(router_, method, target, body, tenant, 1);
  }
  static boost::json::object json(const http::Response& r) { return boost::json::parse(r.body).as_object(); }
  http::Router router_;
};

TEST_F(PushRoutesTest, PLT11_SendAndFollowThroughTheApi) {
  const auto tok = token("android", "3f9a1c7e5b2d48a6901c3e7f5a2b8d4c");
  auto registered = call("POST", "/api/v1/push/devices",
                         R"({"customer_ref":"cliente-9","platform":"android","token":")" + tok + R"("})");
  ASSERT_EQ(registered.status, 201) << registered.body;
  EXPECT_EQ(registered.body.find(tok), std::string::npos);
  const std::string send_body = R"({"customer_ref":"cliente-9","title":"Oi","body":"Olá","data":{"link":"app://x"}})";
  auto off = call("POST", "/api/v1/push/notifications", send_body);
  EXPECT_EQ(off.status, 409) << off.body;
  EXPECT_NE(off.body.find("\"resource\""), std::string::npos);
  enable();
  EXPECT_EQ(call("POST", "/api/v1/push/notifications", R"({"customer_ref":"cliente-9","title":"Oi","body":"Olá","data":{"n":1}})").status,
            400);
  auto sent = call("POST", "/api/v1/push/notifications", send_body);
  ASSERT_EQ(sent.status, 202) << sent.body;
  const std::string id(json(sent).at("id").as_string());
  run_jobs();
  auto one = call("GET", "/api/v1/push/notifications/" + id);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(json(one).at("status").as_string(), "delivered");
  EXPECT_EQ(json(one).at("data").at("link").as_string(), "app://x");
  EXPECT_EQ(json(one).at("deliveries").as_array().size(), 1u);
  EXPECT_EQ(call("GET", "/api/v1/push/notifications/" + id, "", tenant_b).status, 404);
  auto listed = call("GET", "/api/v1/push/notifications?status=delivered&customer_ref=cliente-9");
  EXPECT_EQ(json(listed).at("items").as_array().size(), 1u);
  EXPECT_EQ(call("GET", "/api/v1/push/notifications?status=lost").status, 400);
  auto gw = call("GET", "/api/v1/push/gateway/messages");
  ASSERT_EQ(json(gw).at("items").as_array().size(), 1u);
  EXPECT_EQ(json(gw).at("items").as_array()[0].at("notification_id").as_string(), id);
  auto devices = call("GET", "/api/v1/push/devices?customer_ref=cliente-9");
  const std::string device_id(json(devices).at("items").as_array()[0].at("id").as_string());
  EXPECT_EQ(call("DELETE", "/api/v1/push/devices/" + device_id, "", tenant_b).status, 404);
  EXPECT_EQ(call("DELETE", "/api/v1/push/devices/" + device_id).status, 204);
}

}  // namespace
}  // namespace rg::push
