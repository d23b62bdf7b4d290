// covers PLT-12 (platform messages: audience targeting, viewed per operator, unread count,
// publication window, routes) and the tenant resources that gate PLT-11, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "db/migrations.hpp"
#include "http/router.hpp"
#include "platform/audit/service.hpp"
#include "platform/messages/routes.hpp"
#include "platform/messages/service.hpp"
#include "platform/route_call.hpp"
#include "support/test_db.hpp"

namespace rg::messages {
namespace {

constexpr std::int64_t start_us = 1'790'000'000'000'000;  // 2026-09-21T14:13:20Z
constexpr std::int64_t platform_tenant = 5;
constexpr std::int64_t tenant_a = 7;
constexpr std::int64_t tenant_b = 8;
constexpr std::int64_t tenant_c = 9;

class MessagesTest : public ::testing::Test {
 protected:
  MessagesTest() : clock_(start_us), ids_(clock_, 4), audit_(clock_, ids_), service_(db(), clock_, ids_, audit_) {}
  void SetUp() override {
    ASSERT_TRUE(db::Migrator(db(), db::embedded_migration_files()).migrate().ok());
    db().transact(db::TxMode::write, [&](db::Transaction& tx) {
      for (auto [id, name, platform] : {std::tuple{platform_tenant, "Plataforma", 1}, std::tuple{tenant_a, "Banco A", 0},
                                        std::tuple{tenant_b, "Banco B", 0}, std::tuple{tenant_c, "Banco C", 0}}) {
        tx.execute("INSERT INTO tenants (id, name, email, status, created_at_us, updated_at_us, platform)"
                   " VALUES ($1, $2, 'x@y.com.br', 'active', 1, 1, $3)",
                   {id, name, platform});
      }
    });
  }
  db::Database& db() { return test_db_.db(); }
  static audit::Entry admin() {
    audit::Entry e;
    e.tenant_id = platform_tenant;
    e.actor_type = "operator";
    e.actor_id = 1;
    e.actor_name = "Otávio";
    return e;
  }
  Message broadcast(const std::string& title, std::vector<std::int64_t> tenants = {}, const std::string& severity = "info") {
    MessageInput in;
    in.title = title;
    in.body = "Corpo de " + title;
    in.severity = severity;
    in.audience = tenants.empty() ? "all" : "tenants";
    if (!tenants.empty()) in.tenant_ids = tenants;
    auto m = service_.create(admin(), in);
    EXPECT_TRUE(m.ok()) << (m ? "" : m.error().detail);
    clock_.advance_us(1000);
    return *m;
  }
  std::vector<std::string> titles(std::int64_t tenant, std::int64_t op, InboxFilter f = {}) {
    std::vector<std::string> out;
    for (const auto& item : service_.inbox(tenant, op, f)) out.push_back(item.message.title);
    return out;
  }
  std::int64_t scalar(const std::string& sql) {
    return db().transact(db::TxMode::read, [&](db::Transaction& tx) { return tx.query_one(sql)->integer(0); });
  }

  test::TestDatabase test_db_;
  ManualClock clock_;
  IdGenerator ids_;
  audit::AuditLog audit_;
  MessageService service_;
};

TEST(MessagesUnitTest, PLT12_ParseInstantAcceptsZAndOffsetsAndRejectsTheRest) {
  EXPECT_EQ(*parse_instant("2026-09-21T14:13:20Z", "f"), start_us);
  EXPECT_EQ(*parse_instant("2026-09-21T11:13:20-03:00", "f"), start_us);
  EXPECT_EQ(*parse_instant("2026-09-21T14:13:20.25Z", "f"), start_us + 250'000);
  EXPECT_EQ(*parse_instant("2026-09-21T14:13Z", "f"), start_us - 20 * microseconds_per_second);
  for (const char* bad : {"2026-09-21", "2026-09-21T14:13:20", "2026-02-30T10:00:00Z", "2026-09-21T24:00:00Z",
                          "2026-09-21T10:00:00+3", "yesterday", "2026-09-21T10:00:00.Z"}) {
    auto r = parse_instant(bad, "publish_from");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().fields.at(0).field, "publish_from");
  }
}

TEST_F(MessagesTest, PLT12_AudienceReachesAllOrOnlyTheChosenTenants) {
  broadcast("Para todos");
  broadcast("Só para B e C", {tenant_b, tenant_c});
  EXPECT_EQ(titles(tenant_a, 100), (std::vector<std::string>{"Para todos"}));
  EXPECT_EQ(titles(tenant_b, 200), (std::vector<std::string>{"Só para B e C", "Para todos"}));
  EXPECT_EQ(titles(tenant_c, 300), (std::vector<std::string>{"Só para B e C", "Para todos"}));
  EXPECT_EQ(service_.unread(tenant_a, 100).count, 1);
  EXPECT_EQ(service_.unread(tenant_b, 200).count, 2);
  const auto listed = service_.broadcasts(std::nullopt, 10);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].tenant_ids, (std::vector<std::int64_t>{tenant_b, tenant_c}));
}

TEST_F(MessagesTest, PLT12_ViewedIsPerOperatorAndTheUnreadCountFollows) {
  const auto warning = broadcast("Manutenção", {}, "warning");
  broadcast("Novidade");
  EXPECT_EQ(service_.unread(tenant_a, 100).count, 2);
  EXPECT_EQ(service_.unread(tenant_a, 100).warnings, 1);

  auto opened = service_.open(tenant_a, 100, warning.id);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->viewed_at_us, clock_.now_us());
  const auto first_view = *opened->viewed_at_us;
  clock_.advance_us(microseconds_per_second);
  EXPECT_EQ(*service_.open(tenant_a, 100, warning.id)->viewed_at_us, first_view) << "the first opening counts";

  EXPECT_EQ(service_.unread(tenant_a, 100).count, 1);
  EXPECT_EQ(service_.unread(tenant_a, 100).warnings, 0);
  EXPECT_EQ(service_.unread(tenant_a, 101).count, 2) << "another operator of the same tenant has not opened it";
  EXPECT_EQ(titles(tenant_a, 100, InboxFilter{true, {}, {}, 50}), (std::vector<std::string>{"Manutenção"}));
  EXPECT_EQ(titles(tenant_a, 100, InboxFilter{false, {}, {}, 50}), (std::vector<std::string>{"Novidade"}));
  EXPECT_EQ(titles(tenant_a, 101, InboxFilter{false, "warning", {}, 50}), (std::vector<std::string>{"Manutenção"}));
  EXPECT_EQ(service_.broadcast(warning.id)->views, 1);
}

TEST_F(MessagesTest, PLT12_AMessageNotAddressedToTheTenantCannotBeOpened) {
  const auto only_b = broadcast("Só B", {tenant_b});
  auto r = service_.open(tenant_a, 100, only_b.id);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::not_found);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM message_views"), 0) << "nothing recorded";
}

TEST_F(MessagesTest, PLT12_ThePublicationWindowIsRespected) {
  MessageInput in;
  in.title = "Janela";
  in.body = "Texto";
  in.severity = "info";
  in.audience = "all";
  in.publish_from_us = std::optional<std::int64_t>(start_us + 3600 * microseconds_per_second);
  in.publish_until_us = std::optional<std::int64_t>(start_us + 7200 * microseconds_per_second);
  auto m = service_.create(admin(), in);
  ASSERT_TRUE(m.ok()) << m.error().detail;
  EXPECT_TRUE(titles(tenant_a, 100).empty());
  EXPECT_EQ(service_.unread(tenant_a, 100).count, 0);
  EXPECT_EQ(service_.open(tenant_a, 100, m->id).error().code, ErrorCode::not_found);
  clock_.set_us(start_us + 3600 * microseconds_per_second);
  EXPECT_EQ(titles(tenant_a, 100), (std::vector<std::string>{"Janela"}));
  clock_.set_us(start_us + 7200 * microseconds_per_second);
  EXPECT_TRUE(titles(tenant_a, 100).empty()) << "publish_until is exclusive";
}

TEST_F(MessagesTest, PLT12_InvalidInputNamesTheFieldsAndWritesNothing) {
  MessageInput in;
  in.title = "";
  in.body = "x";
  in.severity = "urgent";
  in.audience = "tenants";
  in.tenant_ids = std::vector<std::int64_t>{};
  in.publish_from_us = std::optional<std::int64_t>(start_us + 10);
  in.publish_until_us = std::optional<std::int64_t>(start_us);
  auto r = service_.create(admin(), in);
  ASSERT_FALSE(r.ok());
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"title", "severity", "tenant_ids", "publish_until"}));
  in = MessageInput{"T", "B", "info", "tenants", std::vector<std::int64_t>{tenant_a, 424242}, {}, {}};
  r = service_.create(admin(), in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.at(0).field, "tenant_ids");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM platform_messages"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM platform_message_tenants"), 0);
}

TEST_F(MessagesTest, PLT12_UpdateChangesTheAudienceAndDeleteWithdraws) {
  const auto m = broadcast("Aviso", {tenant_a});
  EXPECT_EQ(titles(tenant_b, 200).size(), 0u);
  MessageInput change;
  change.audience = "all";
  auto updated = service_.update(admin(), m.id, change);
  ASSERT_TRUE(updated.ok()) << updated.error().detail;
  EXPECT_TRUE(updated->tenant_ids.empty());
  EXPECT_EQ(titles(tenant_b, 200).size(), 1u);
  ASSERT_TRUE(service_.remove(admin(), m.id).ok());
  EXPECT_TRUE(titles(tenant_a, 100).empty());
  EXPECT_EQ(service_.broadcast(m.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(service_.remove(admin(), m.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE tenant_id = 5 AND action LIKE 'platform_message.%'"), 3);
}

TEST_F(MessagesTest, PLT11_ResourcesAreOffUntilAPlatformAdministratorSwitchesThemOn) {
  EXPECT_FALSE(service_.resources(tenant_a).at(resource_messaging));
  auto t = service_.set_resources(admin(), tenant_a, {{resource_messaging, true}});
  ASSERT_TRUE(t.ok()) << t.error().detail;
  EXPECT_TRUE(t->resources.at(resource_messaging));
  EXPECT_TRUE(service_.resources(tenant_a).at(resource_messaging));
  EXPECT_FALSE(service_.resources(tenant_b).at(resource_messaging));
  EXPECT_EQ(service_.set_resources(admin(), tenant_a, {{"teleport", true}}).error().fields.at(0).field, "teleport");
  EXPECT_EQ(service_.set_resources(admin(), 4242, {{resource_messaging, true}}).error().code, ErrorCode::not_found);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'tenant.resources_changed'"), 1);
  const auto tenants = service_.tenants();
  ASSERT_EQ(tenants.size(), 4u);
  EXPECT_TRUE(std::any_of(tenants.begin(), tenants.end(), [](const auto& x) { return x.platform && x.id == platform_tenant; }));
}

class MessageRoutesTest : public MessagesTest {
 protected:
  void SetUp() override {
    MessagesTest::SetUp();
    register_message_routes(router_, service_,
                            {"messages.read", "platform.messages", "platform.tenants", "tenant.read"});
  }
  http::Response call(const std::string& method, const std::string& target, const std::string& body = "",
                      std::int64_t tenant = tenant_a, std::int64_t op = 100) {
    return test::call_route(router_, method, target, body, tenant, op);
  }
  static boost::json::object json(const http::Response& r) { return boost::json::parse(r.body).as_object(); }
  http::Router router_;
};

TEST_F(MessageRoutesTest, PLT12_BroadcastAndReadThroughTheApi) {
  auto bad = call("POST", "/api/v1/platform/messages",
                  R"({"title":"T","body":"B","severity":"info","audience":"tenants","tenant_ids":["x"],"publish_from":"amanhã"})",
                  platform_tenant, 1);
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("\"tenant_ids\""), std::string::npos);
  EXPECT_NE(bad.body.find("\"publish_from\""), std::string::npos);

  auto created = call("POST", "/api/v1/platform/messages",
                      R"({"title":"Manutenção","body":"Sábado **02h**","severity":"warning","audience":"tenants",)"
                      R"("tenant_ids":["7"],"publish_until":"2026-12-31T23:59:00-03:00"})",
                      platform_tenant, 1);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id(json(created).at("id").as_string());
  EXPECT_EQ(json(created).at("publish_until").as_string(), "2027-01-01T02:59:00Z");

  auto count = call("GET", "/api/v1/messages/unread-count");
  EXPECT_EQ(json(count).at("count").as_int64(), 1);
  EXPECT_EQ(json(count).at("warnings").as_int64(), 1);
  auto unread = call("GET", "/api/v1/messages?viewed=false");
  ASSERT_EQ(json(unread).at("items").as_array().size(), 1u);
  EXPECT_FALSE(json(unread).at("items").as_array()[0].at("viewed").as_bool());
  auto opened = call("GET", "/api/v1/messages/" + id);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_TRUE(json(opened).at("viewed").as_bool());
  EXPECT_EQ(json(call("GET", "/api/v1/messages/unread-count")).at("count").as_int64(), 0);
  EXPECT_EQ(json(call("GET", "/api/v1/messages?viewed=false")).at("items").as_array().size(), 0u);
  EXPECT_EQ(call("GET", "/api/v1/messages?viewed=maybe").status, 400);
  EXPECT_EQ(call("GET", "/api/v1/messages/" + id, "", tenant_b, 200).status, 404) << "not addressed to B";
  EXPECT_EQ(call("GET", "/api/v1/messages/abc").status, 404);

  auto patched = call("PATCH", "/api/v1/platform/messages/" + id, R"({"publish_until":null})", platform_tenant, 1);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_TRUE(json(patched).at("publish_until").is_null());
  EXPECT_EQ(json(patched).at("views").as_int64(), 1);

  auto tenants = call("GET", "/api/v1/platform/tenants", "", platform_tenant, 1);
  EXPECT_EQ(json(tenants).at("items").as_array().size(), 4u);
  auto on = call("PATCH", "/api/v1/platform/tenants/7/resources", R"({"messaging":true})", platform_tenant, 1);
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_TRUE(json(call("GET", "/api/v1/resources")).at("resources").at("messaging").as_bool());
  EXPECT_EQ(call("PATCH", "/api/v1/platform/tenants/7/resources", R"({"messaging":"yes"})", platform_tenant, 1).status, 400);
  EXPECT_EQ(call("PATCH", "/api/v1/platform/tenants/7/resources", R"({})", platform_tenant, 1).status, 400);

  EXPECT_EQ(call("DELETE", "/api/v1/platform/messages/" + id, "", platform_tenant, 1).status, 204);
  EXPECT_EQ(call("GET", "/api/v1/messages/" + id).status, 404);
}

}  // namespace
}  // namespace rg::messages
