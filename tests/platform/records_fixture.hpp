#pragma once
// Shared by tags_test.cpp and deleted_test.cpp: a migrated database with the webhook, tag and
// deleted-record services wired as main.cpp wires them, webhook triggers being the real record
// type both registries know.
#include <gtest/gtest.h>
#include <sodium.h>

#include <memory>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "db/migrations.hpp"
#include "platform/audit/service.hpp"
#include "platform/deleted/service.hpp"
#include "platform/events/service.hpp"
#include "platform/jobs/service.hpp"
#include "platform/tags/service.hpp"
#include "platform/webhooks/record_types.hpp"
#include "platform/webhooks/service.hpp"
#include "support/test_db.hpp"

namespace rg::test {

class RecordsFixture : public ::testing::Test {
 public:
  static constexpr std::int64_t tenant_a = 11;
  static constexpr std::int64_t tenant_b = 12;

 protected:

  RecordsFixture()
      : clock_(1'790'000'000'000'000), ids_(clock_, 5), queue_(db(), clock_, ids_), audit_(clock_, ids_),
        log_(catalog_, clock_, ids_), deleted_types_(catalog_),
        webhooks_(db(), clock_, ids_, queue_, audit_, catalog_, webhooks::WebhookOptions{.settle_us = 0, .late_check_ms = 0, .network = {.loopback = true}}),
        tags_(db(), clock_, ids_, audit_, tag_types_), deleted_(db(), clock_, audit_, log_, deleted_types_) {
    catalog_.add({"operator.disabled", "Operador desabilitado", "Operator disabled", R"({"id":"1"})"});
    webhooks::register_webhook_events(catalog_);
    webhooks::register_webhook_record_types(catalog_, deleted_types_, tag_types_, clock_, "webhooks.read");
  }
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    ASSERT_TRUE(db::Migrator(db(), db::embedded_migration_files()).migrate().ok());
  }
  db::Database& db() { return test_db_.db(); }

  static audit::Entry who(std::int64_t tenant = tenant_a, Id actor = 101, const char* name = "Maria Souza") {
    audit::Entry e;
    e.tenant_id = tenant;
    e.actor_type = "operator";
    e.actor_id = actor;
    e.actor_name = name;
    e.request_id = "req-test";
    return e;
  }
  webhooks::Trigger trigger(std::int64_t tenant = tenant_a, const std::string& description = "ERP") {
    auto t = webhooks_.create(who(tenant), {"https://hooks.exemplo.com.br/x", description,
                                            std::vector<std::string>{"operator.disabled"}, true});
    EXPECT_TRUE(t.ok()) << (t ? "" : t.error().detail);
    clock_.advance_us(1'000);
    return *t;
  }
  tags::Tag tag(const std::string& name, std::int64_t tenant = tenant_a, const std::string& color = "blue") {
    auto t = tags_.create(who(tenant), {name, color, "descrição"});
    EXPECT_TRUE(t.ok()) << (t ? "" : t.error().detail);
    return *t;
  }
  std::int64_t scalar(const std::string& sql, const db::Params& params = {}) {
    return db().transact(db::TxMode::read, [&](db::Transaction& tx) { return tx.query_one(sql, params)->integer(0); });
  }
  std::int64_t audits(const std::string& action, std::int64_t tenant = tenant_a) {
    return scalar("SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1 AND action = $2", {tenant, action});
  }

  TestDatabase test_db_;
  ManualClock clock_;
  IdGenerator ids_;
  jobs::JobQueue queue_;
  audit::AuditLog audit_;
  events::EventCatalog catalog_;
  events::EventLog log_;
  deleted::RecordTypes deleted_types_;
  tags::RecordTypes tag_types_;
  webhooks::WebhookService webhooks_;
  tags::TagService tags_;
  deleted::DeletedRecords deleted_;
};

}  // namespace rg::test
