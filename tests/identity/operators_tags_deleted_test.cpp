// covers PLT-13 PLT-14 for operators: the tag filter of the operators list (in the same query),
// soft delete into "Registros Excluídos", restore (disabled, audited, operator.restored) and the
// e-mail conflict when a deleted operator's e-mail was reused, on SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <sodium.h>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "db/migrations.hpp"
#include "identity/record_types.hpp"
#include "identity/service.hpp"
#include "platform/audit/service.hpp"
#include "platform/deleted/service.hpp"
#include "platform/email/service.hpp"
#include "platform/events/service.hpp"
#include "platform/jobs/service.hpp"
#include "platform/tags/service.hpp"
#include "support/test_db.hpp"

namespace rg::identity {
namespace {

class OperatorRecordsTest : public ::testing::Test {
 protected:
  OperatorRecordsTest()
      : clock_(1'790'000'000'000'000), ids_(clock_, 6), jobs_(db(), clock_, ids_), audit_(clock_, ids_),
        log_((register_identity_events(catalog_), catalog_), clock_, ids_), email_(jobs_, clock_, ids_, {}),
        identity_(db(), clock_, ids_, audit_, log_, email_, (register_identity_permissions(permissions_), permissions_),
                  Settings{}),
        deleted_types_(catalog_), tags_(db(), clock_, ids_, audit_, tag_types_),
        deleted_(db(), clock_, audit_, log_, deleted_types_) {
    register_identity_record_types(deleted_types_, tag_types_, identity_);
  }
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    ASSERT_TRUE(db::Migrator(db(), db::embedded_migration_files()).migrate().ok());
    manager_a_ = bootstrap("Banco A", "gestora@a.com.br");
    manager_b_ = bootstrap("Banco B", "gestor@b.com.br");
  }
  db::Database& db() { return test_db_.db(); }

  Operator bootstrap(const std::string& tenant, const std::string& email) {
    auto m = identity_.bootstrap({tenant, "contato@" + tenant.substr(6) + ".com.br", "Gestora", email, std::nullopt});
    EXPECT_TRUE(m.ok()) << (m ? "" : m.error().detail);
    return *m;
  }
  static audit::Entry by(const Operator& op) {
    audit::Entry e;
    e.tenant_id = op.tenant_id;
    e.actor_type = "operator";
    e.actor_id = op.id;
    e.actor_name = op.name;
    return e;
  }
  Operator add(const std::string& name, const std::string& email, const Operator& manager) {
    OperatorInput in;
    in.name = name;
    in.email = email;
    in.role_id = manager.role_id;
    auto op = identity_.create_operator(by(manager), in);
    EXPECT_TRUE(op.ok()) << (op ? "" : op.error().detail);
    clock_.advance_us(1'000);
    return *op;
  }
  std::vector<Id> listed(std::int64_t tenant_id, std::optional<Id> tag_id) {
    OperatorFilter f;
    f.tag_id = tag_id;
    std::vector<Id> out;
    for (const auto& op : identity_.list_operators(tenant_id, f)) out.push_back(op.id);
    return out;
  }
  std::int64_t scalar(const std::string& sql, const db::Params& params) {
    return db().transact(db::TxMode::read, [&](db::Transaction& tx) { return tx.query_one(sql, params)->integer(0); });
  }

  test::TestDatabase test_db_;
  ManualClock clock_;
  IdGenerator ids_;
  jobs::JobQueue jobs_;
  audit::AuditLog audit_;
  events::EventCatalog catalog_;
  events::EventLog log_;
  email::EmailService email_;
  PermissionRegistry permissions_;
  IdentityService identity_;
  deleted::RecordTypes deleted_types_;
  tags::RecordTypes tag_types_;
  tags::TagService tags_;
  deleted::DeletedRecords deleted_;
  Operator manager_a_;
  Operator manager_b_;
};

TEST_F(OperatorRecordsTest, OperatorsListFiltersByTagInTheQuery_PLT13) {
  const Operator ana = add("Ana", "ana@a.com.br", manager_a_);
  const Operator bia = add("Bia", "bia@a.com.br", manager_a_);
  const Operator beto = add("Beto", "beto@b.com.br", manager_b_);
  auto vip = tags_.create(by(manager_a_), {"VIP", "gold", ""});
  auto b_tag = tags_.create(by(manager_b_), {"VIP", "gold", ""});
  ASSERT_TRUE(vip.ok() && b_tag.ok());
  ASSERT_TRUE(tags_.attach(by(manager_a_), vip->id, record_type_operator, ana.id).ok());
  ASSERT_TRUE(tags_.attach(by(manager_b_), b_tag->id, record_type_operator, beto.id).ok());
  EXPECT_EQ(tags_.attach(by(manager_a_), vip->id, record_type_operator, beto.id).error().code, ErrorCode::not_found)
      << "another tenant's operator";

  EXPECT_EQ(listed(ana.tenant_id, vip->id), std::vector<Id>{ana.id});
  EXPECT_EQ(listed(ana.tenant_id, std::nullopt).size(), 3u);
  EXPECT_TRUE(listed(ana.tenant_id, b_tag->id).empty()) << "another tenant's tag matches nothing";
  OperatorFilter paged;
  paged.tag_id = vip->id;
  paged.limit = 1;
  paged.after_id = ana.id;
  EXPECT_TRUE(identity_.list_operators(ana.tenant_id, paged).empty()) << "paging applies after the tag filter";
  (void)bia;

  tags::TaggedFilter filter;
  filter.record_types = {record_type_operator};
  auto page = tags_.records(ana.tenant_id, vip->id, filter);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].label, "Ana");

  ASSERT_TRUE(identity_.delete_operator(by(manager_a_), ana.id).ok());
  EXPECT_TRUE(listed(ana.tenant_id, vip->id).empty()) << "a deleted operator leaves the filtered list";
  EXPECT_TRUE(tags_.records(ana.tenant_id, vip->id, filter)->items.empty());
}

TEST_F(OperatorRecordsTest, DeleteAndRestoreAnOperator_PLT14) {
  const Operator ana = add("Ana Lima", "ana@a.com.br", manager_a_);
  ASSERT_TRUE(identity_.delete_operator(by(manager_a_), ana.id).ok());
  EXPECT_EQ(identity_.find_operator(ana.tenant_id, ana.id).error().code, ErrorCode::not_found);
  auto page = deleted_.list(ana.tenant_id, {});
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].record_type, "operator");
  EXPECT_EQ(page.items[0].summary, "Ana Lima <ana@a.com.br>");
  EXPECT_EQ(page.items[0].deleted_by, manager_a_.id);
  EXPECT_TRUE(deleted_.list(manager_b_.tenant_id, {}).items.empty());
  EXPECT_EQ(deleted_.restore(by(manager_b_), "operator", ana.id).error().code, ErrorCode::not_found);

  auto restored = deleted_.restore(by(manager_a_), "operator", ana.id);
  ASSERT_TRUE(restored.ok()) << restored.error().detail;
  auto back = identity_.find_operator(ana.tenant_id, ana.id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->status, "disabled") << "a manager enables a restored operator explicitly";
  EXPECT_EQ(back->email, "ana@a.com.br");
  EXPECT_TRUE(deleted_.list(ana.tenant_id, {}).items.empty());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1 AND action = 'operator.restored'"
                   " AND target_id = $2",
                   {ana.tenant_id, std::to_string(ana.id)}),
            1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM events WHERE tenant_id = $1 AND type = 'operator.restored'", {ana.tenant_id}),
            1);
  EXPECT_TRUE(identity_.set_operator_enabled(by(manager_a_), ana.id, true).ok());
}

TEST_F(OperatorRecordsTest, RestoringAnOperatorWhoseEmailWasReusedConflicts_PLT14) {
  const Operator old = add("Ana Antiga", "ana@a.com.br", manager_a_);
  ASSERT_TRUE(identity_.delete_operator(by(manager_a_), old.id).ok());
  const Operator reuse = add("Ana Nova", "ANA@a.com.br", manager_a_);  // a deleted operator's e-mail is free
  auto refused = deleted_.restore(by(manager_a_), "operator", old.id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "email");
  EXPECT_EQ(deleted_.list(old.tenant_id, {}).items.size(), 1u) << "nothing changed";
  EXPECT_EQ(identity_.find_operator(old.tenant_id, old.id).error().code, ErrorCode::not_found);

  // Also across tenants: sign-in is by e-mail alone.
  ASSERT_TRUE(identity_.delete_operator(by(manager_a_), reuse.id).ok());
  add("Outra Ana", "ana@a.com.br", manager_b_);
  EXPECT_EQ(deleted_.restore(by(manager_a_), "operator", old.id).error().code, ErrorCode::conflict);
  EXPECT_EQ(deleted_.restore(by(manager_a_), "operator", reuse.id).error().code, ErrorCode::conflict);
}

}  // namespace
}  // namespace rg::identity
