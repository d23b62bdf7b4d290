// covers PLT-13 (tags: CRUD with audit, attach/detach to registered record types, records by
// tag, cross-tenant isolation, deleted records left out) on SQLite and PostgreSQL.
#include "platform/records_fixture.hpp"
#include "platform/tags/store.hpp"

namespace rg::tags {
namespace {

using Fixture = test::RecordsFixture;
constexpr std::int64_t tenant_a = Fixture::tenant_a;
constexpr std::int64_t tenant_b = Fixture::tenant_b;

class TagsTest : public Fixture {};

bool has_field(const Error& e, const std::string& field) {
  for (const auto& f : e.fields) {
    if (f.field == field) return true;
  }
  return false;
}

TEST_F(TagsTest, CreateUpdateDeleteWithAuditAndValidation_PLT13) {
  const Tag vip = tag("VIP", tenant_a, "gold");
  EXPECT_EQ(vip.name, "VIP");
  EXPECT_EQ(vip.color, "gold");

  auto duplicate = tags_.create(who(), {"vip", "red", ""});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
  EXPECT_TRUE(has_field(duplicate.error(), "name"));

  auto bad = tags_.create(who(), {"", "rainbow", std::string(201, 'x')});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::invalid);
  EXPECT_TRUE(has_field(bad.error(), "name"));
  EXPECT_TRUE(has_field(bad.error(), "color"));
  EXPECT_TRUE(has_field(bad.error(), "description"));
  EXPECT_FALSE(tags_.create(who(), {std::string(41, 'a'), "blue", ""}).ok());
  EXPECT_TRUE(tags_.create(who(), {"Sócio-fundador ção", "#1f8A3c", ""}).ok()) << "hex colors and accents";
  EXPECT_EQ(tags_.list(tenant_a, std::nullopt).size(), 2u);
  EXPECT_EQ(tags_.list(tenant_a, std::string("vi")).size(), 1u);

  auto renamed = tags_.update(who(), vip.id, {std::string("Cliente VIP"), std::nullopt, std::nullopt});
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->name, "Cliente VIP");
  EXPECT_EQ(renamed->color, "gold") << "absent fields stay";
  auto taken = tags_.update(who(), vip.id, {std::string("SóCIO-FUNDADOR ção"), std::nullopt, std::nullopt});
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::conflict);

  ASSERT_TRUE(tags_.remove(who(), vip.id).ok());
  EXPECT_EQ(tags_.get(tenant_a, vip.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(tags_.remove(who(), vip.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(audits("tag.created"), 2);
  EXPECT_EQ(audits("tag.updated"), 1);
  EXPECT_EQ(audits("tag.deleted"), 1);
}

TEST_F(TagsTest, AttachDetachAndListRecordsByTag_PLT13) {
  const auto erp = trigger(tenant_a, "ERP");
  const auto crm = trigger(tenant_a, "CRM");
  const Tag urgent = tag("Urgente");
  const Tag other = tag("Outro");

  auto first = tags_.attach(who(), urgent.id, "webhook_trigger", erp.id);
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_TRUE(*first);
  auto again = tags_.attach(who(), urgent.id, "webhook_trigger", erp.id);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again) << "attaching twice is harmless";
  ASSERT_TRUE(tags_.attach(who(), urgent.id, "webhook_trigger", crm.id).ok());
  ASSERT_TRUE(tags_.attach(who(), other.id, "webhook_trigger", crm.id).ok());
  EXPECT_EQ(audits("tag.attached"), 3) << "a repeated attach is not audited";

  EXPECT_EQ(tags_.attach(who(), urgent.id, "account", erp.id).error().code, ErrorCode::invalid);
  EXPECT_EQ(tags_.attach(who(), urgent.id, "webhook_trigger", 999).error().code, ErrorCode::not_found);
  EXPECT_EQ(tags_.attach(who(), 999, "webhook_trigger", erp.id).error().code, ErrorCode::not_found);

  TaggedFilter filter;
  filter.record_types = {"webhook_trigger"};
  auto page = tags_.records(tenant_a, urgent.id, filter);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].record_id, erp.id);
  EXPECT_EQ(page->items[0].label, "ERP");
  EXPECT_FALSE(page->next_cursor);
  filter.limit = 1;
  page = tags_.records(tenant_a, urgent.id, filter);
  ASSERT_EQ(page->items.size(), 1u);
  ASSERT_TRUE(page->next_cursor);
  filter.after = std::pair{std::string("webhook_trigger"), page->items[0].record_id};
  page = tags_.records(tenant_a, urgent.id, filter);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].record_id, crm.id);
  filter = {};
  EXPECT_TRUE(tags_.records(tenant_a, urgent.id, filter)->items.empty()) << "no visible types, no records";

  EXPECT_EQ(tags_.get(tenant_a, urgent.id)->record_count, 2);
  auto of = tags_.tags_of(tenant_a, "webhook_trigger", {erp.id, crm.id, 12345});
  ASSERT_EQ(of.size(), 2u);
  EXPECT_EQ(of[erp.id].size(), 1u);
  ASSERT_EQ(of[crm.id].size(), 2u);
  EXPECT_EQ(of[crm.id][0].name, "Outro") << "by name";

  ASSERT_TRUE(tags_.detach(who(), urgent.id, "webhook_trigger", erp.id).ok());
  EXPECT_EQ(tags_.detach(who(), urgent.id, "webhook_trigger", erp.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(audits("tag.detached"), 1);
  ASSERT_TRUE(tags_.remove(who(), urgent.id).ok());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM record_tags WHERE tag_id = $1", {urgent.id}), 0) << "detached everywhere";
}

TEST_F(TagsTest, TenantsNeverSeeOrUseEachOthersTagsOrRecords_PLT13) {
  const Tag a_tag = tag("Parceiro", tenant_a);
  const auto a_trigger = trigger(tenant_a);
  const auto b_trigger = trigger(tenant_b);
  EXPECT_TRUE(tags_.create(who(tenant_b), {"Parceiro", "red", ""}).ok()) << "names are unique per tenant only";

  EXPECT_EQ(tags_.get(tenant_b, a_tag.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(tags_.update(who(tenant_b), a_tag.id, {std::string("x"), std::nullopt, std::nullopt}).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(tags_.remove(who(tenant_b), a_tag.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(tags_.attach(who(tenant_b), a_tag.id, "webhook_trigger", b_trigger.id).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(tags_.attach(who(tenant_a), a_tag.id, "webhook_trigger", b_trigger.id).error().code,
            ErrorCode::not_found)
      << "another tenant's record";
  ASSERT_TRUE(tags_.attach(who(tenant_a), a_tag.id, "webhook_trigger", a_trigger.id).ok());
  TaggedFilter filter;
  filter.record_types = {"webhook_trigger"};
  EXPECT_EQ(tags_.records(tenant_b, a_tag.id, filter).error().code, ErrorCode::not_found);
  EXPECT_TRUE(tags_.tags_of(tenant_b, "webhook_trigger", {a_trigger.id}).empty());
  EXPECT_EQ(tags_.list(tenant_b, std::nullopt).size(), 1u);
}

TEST_F(TagsTest, DeletedRecordsKeepTagsButLeaveListsUntilRestored_PLT13_PLT14) {
  const Tag t = tag("Monitorado");
  const auto kept = trigger();
  const auto gone = trigger();
  ASSERT_TRUE(tags_.attach(who(), t.id, "webhook_trigger", kept.id).ok());
  ASSERT_TRUE(tags_.attach(who(), t.id, "webhook_trigger", gone.id).ok());
  ASSERT_TRUE(webhooks_.remove(who(), gone.id).ok());
  TaggedFilter filter;
  filter.record_types = {"webhook_trigger"};
  auto page = tags_.records(tenant_a, t.id, filter);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].record_id, kept.id);
  EXPECT_EQ(tags_.get(tenant_a, t.id)->record_count, 1);
  EXPECT_EQ(tags_.attach(who(), t.id, "webhook_trigger", gone.id).error().code, ErrorCode::not_found)
      << "a deleted record cannot be tagged";

  ASSERT_TRUE(deleted_.restore(who(), "webhook_trigger", gone.id).ok());
  EXPECT_EQ(tags_.records(tenant_a, t.id, filter)->items.size(), 2u) << "its tags come back with it";
  EXPECT_EQ(tags_.get(tenant_a, t.id)->record_count, 2);
}

TEST_F(TagsTest, LimitsPerRecordAndTaggedCondition_PLT13) {
  const auto t = trigger();
  for (std::size_t i = 0; i < tags_per_record_max; ++i) {
    ASSERT_TRUE(tags_.attach(who(), tag("t" + std::to_string(i)).id, "webhook_trigger", t.id).ok());
  }
  auto over = tags_.attach(who(), tag("extra").id, "webhook_trigger", t.id);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, ErrorCode::conflict);
  EXPECT_TRUE(valid_color("geekblue"));
  EXPECT_TRUE(valid_color("#00ff00"));
  EXPECT_FALSE(valid_color("#00ff0"));
  EXPECT_FALSE(valid_color("Blue"));
  EXPECT_FALSE(id_from_text("12a").has_value());
  EXPECT_FALSE(id_from_text("").has_value());
  EXPECT_EQ(*id_from_text("42"), 42);

  // The condition modules put in their own list queries.
  const Id tag_id = tags_.list(tenant_a, std::string("t1"))[0].id;
  const std::string sql = "SELECT COUNT(*) FROM webhook_triggers w WHERE w.tenant_id = $1 AND " +
                          tagged_condition("webhook_trigger", "w.tenant_id", "w.id", "$2");
  EXPECT_EQ(scalar(sql, {tenant_a, tag_id}), 1);
  EXPECT_EQ(scalar(sql, {tenant_b, tag_id}), 0);
}

}  // namespace
}  // namespace rg::tags
