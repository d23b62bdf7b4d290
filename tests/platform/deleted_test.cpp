// covers PLT-14 (deleted records: the registry written with the soft delete, the list across
// types with filters and paging, restore with audit and event, refusals that roll back, tenant
// isolation, a deleted webhook trigger gets no deliveries) on SQLite and PostgreSQL.
#include "platform/records_fixture.hpp"

namespace rg::deleted {
namespace {

using Fixture = test::RecordsFixture;
constexpr std::int64_t tenant_a = Fixture::tenant_a;
constexpr std::int64_t tenant_b = Fixture::tenant_b;

class DeletedTest : public Fixture {
 protected:
  DeletedTest() {
    // A second record type whose restore can be told to refuse, to prove a refusal rolls back.
    catalog_.add({"widget.restored", "Widget restaurado", "Widget restored", "{}"});
    deleted_types_.add({"widget", "Widget", "Widget", [this](db::Transaction&, const audit::Entry&, Id id) -> Result<std::string> {
                          if (refuse_) return Error::conflict("Widget name taken.");
                          return std::string(R"({"id":")") + std::to_string(id) + R"("})";
                        }});
  }
  void delete_widget(Id id, std::int64_t tenant = tenant_a, Id actor = 101) {
    db().transact(db::TxMode::write, [&](db::Transaction& tx) {
      record_deletion(tx, ids_, clock_.now_us(), who(tenant, actor, "Outro"), "widget", id, "Widget " + std::to_string(id));
    });
    clock_.advance_us(1'000);
  }
  bool refuse_ = false;
};

TEST_F(DeletedTest, DeletingATriggerListsItAndHidesIt_PLT14) {
  const auto t = trigger();
  ASSERT_TRUE(webhooks_.remove(who(), t.id).ok());
  EXPECT_EQ(webhooks_.get(tenant_a, t.id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(webhooks_.list(tenant_a).empty());
  const Page page = deleted_.list(tenant_a, {});
  ASSERT_EQ(page.items.size(), 1u);
  const DeletedRecord& d = page.items[0];
  EXPECT_EQ(d.record_type, "webhook_trigger");
  EXPECT_EQ(d.record_id, t.id);
  EXPECT_EQ(d.summary, t.url);
  EXPECT_EQ(d.deleted_by, 101);
  EXPECT_EQ(d.deleted_by_name, "Maria Souza");
  EXPECT_EQ(scalar("SELECT deleted_by FROM webhook_triggers WHERE id = $1", {t.id}), 101);
  EXPECT_TRUE(deleted_.list(tenant_b, {}).items.empty());
  EXPECT_EQ(webhooks_.remove(who(), t.id).error().code, ErrorCode::not_found) << "deleted once";
}

TEST_F(DeletedTest, ListFiltersByTypeDeleterPeriodAndPages_PLT14) {
  const auto t = trigger();
  ASSERT_TRUE(webhooks_.remove(who(), t.id).ok());
  clock_.advance_us(2LL * 86'400 * 1'000'000);
  delete_widget(1, tenant_a, 202);
  delete_widget(2, tenant_a, 202);
  delete_widget(3, tenant_b, 202);

  EXPECT_EQ(deleted_.list(tenant_a, {}).items.size(), 3u);
  DeletedFilter f;
  f.record_type = "widget";
  auto widgets = deleted_.list(tenant_a, f).items;
  ASSERT_EQ(widgets.size(), 2u);
  EXPECT_EQ(widgets[0].record_id, 2) << "newest first";
  f = {};
  f.deleted_by = 101;
  EXPECT_EQ(deleted_.list(tenant_a, f).items.size(), 1u);
  f = {};
  f.to_us = clock_.now_us() - 86'400LL * 1'000'000;
  ASSERT_EQ(deleted_.list(tenant_a, f).items.size(), 1u);
  EXPECT_EQ(deleted_.list(tenant_a, f).items[0].record_type, "webhook_trigger");
  f = {};
  f.from_us = clock_.now_us() - 86'400LL * 1'000'000;
  EXPECT_EQ(deleted_.list(tenant_a, f).items.size(), 2u);

  f = {};
  f.limit = 2;
  const Page first = deleted_.list(tenant_a, f);
  ASSERT_EQ(first.items.size(), 2u);
  ASSERT_TRUE(first.next_before_id);
  f.before_id = first.next_before_id;
  const Page second = deleted_.list(tenant_a, f);
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].record_type, "webhook_trigger");
  EXPECT_FALSE(second.next_before_id);
}

TEST_F(DeletedTest, RestoringATriggerBringsItBackInactiveAuditedWithEvent_PLT14) {
  const auto t = trigger();
  ASSERT_TRUE(webhooks_.remove(who(), t.id).ok());
  auto restored = deleted_.restore(who(tenant_a, 303, "Carlos"), "webhook_trigger", t.id);
  ASSERT_TRUE(restored.ok()) << restored.error().detail;
  EXPECT_EQ(restored->restored_by, 303);
  ASSERT_TRUE(restored->restored_at_us);
  auto back = webhooks_.get(tenant_a, t.id);
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE(back->active) << "restored inactive: deliveries resume only when activated";
  EXPECT_EQ(back->url, t.url);
  EXPECT_EQ(back->secret, t.secret) << "the same signing secret";
  EXPECT_TRUE(deleted_.list(tenant_a, {}).items.empty());
  EXPECT_EQ(audits("webhook_trigger.restored"), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM events WHERE tenant_id = $1 AND type = 'webhook_trigger.restored'"
                   " AND subject_id = $2",
                   {tenant_a, std::to_string(t.id)}),
            1);
  EXPECT_EQ(deleted_.restore(who(), "webhook_trigger", t.id).error().code, ErrorCode::not_found)
      << "restored once";

  // Deleted again: a new registry row; the history keeps the restored one.
  ASSERT_TRUE(webhooks_.remove(who(), t.id).ok());
  EXPECT_EQ(deleted_.list(tenant_a, {}).items.size(), 1u);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM deleted_records WHERE record_id = $1", {t.id}), 2);
}

TEST_F(DeletedTest, RefusedRestoreChangesNothing_PLT14) {
  delete_widget(7);
  refuse_ = true;
  auto refused = deleted_.restore(who(), "widget", 7);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(deleted_.list(tenant_a, {}).items.size(), 1u) << "still deleted";
  EXPECT_EQ(audits("widget.restored"), 0);
  refuse_ = false;
  EXPECT_TRUE(deleted_.restore(who(), "widget", 7).ok());
  EXPECT_EQ(audits("widget.restored"), 1);

  EXPECT_EQ(deleted_.restore(who(), "nothing", 7).error().code, ErrorCode::not_found);
  delete_widget(8, tenant_b);
  EXPECT_EQ(deleted_.restore(who(tenant_a), "widget", 8).error().code, ErrorCode::not_found)
      << "another tenant's record";
  EXPECT_EQ(deleted_.list(tenant_b, {}).items.size(), 1u);
}

TEST_F(DeletedTest, DeletedTriggerReceivesNoDeliveries_PLT14) {
  const auto t = trigger();
  auto publish = [&] {
    db().transact(db::TxMode::write, [&](db::Transaction& tx) {
      log_.publish(tx, tenant_a, "operator.disabled", "operator", "1", R"({"id":"1"})");
    });
    clock_.advance_us(1'000);
  };
  publish();
  EXPECT_EQ(webhooks_.fan_out(), 1);
  ASSERT_TRUE(webhooks_.remove(who(), t.id).ok());
  publish();
  EXPECT_EQ(webhooks_.fan_out(), 0);
  ASSERT_TRUE(deleted_.restore(who(), "webhook_trigger", t.id).ok());
  publish();
  EXPECT_EQ(webhooks_.fan_out(), 0) << "restored inactive";
}

TEST_F(DeletedTest, RegistrationNeedsTheRestoredEvent_PLT14) {
  RecordTypes types(catalog_);
  EXPECT_THROW(types.add({"gadget", "G", "G", [](db::Transaction&, const audit::Entry&, Id) -> Result<std::string> {
                            return std::string("{}");
                          }}),
               std::logic_error);
  EXPECT_THROW(deleted_types_.add({"widget", "W", "W", nullptr}), std::logic_error);
}

}  // namespace
}  // namespace rg::deleted
