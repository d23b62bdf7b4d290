// covers PLT-16 (the per-tenant support contact) on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "db/migrations.hpp"
#include "platform/audit/service.hpp"
#include "platform/support/service.hpp"
#include "support/test_db.hpp"

namespace rg::support {
namespace {

std::vector<std::string> fields_of(const Status& s) {
  std::vector<std::string> out;
  if (!s) {
    for (const auto& f : s.error().fields) out.push_back(f.field);
  }
  return out;
}

TEST(SupportUnitTest, PLT16_OnlyHttpsLinksAndPlausibleContacts) {
  SupportSettings s;
  s.label = "Suporte";
  s.url = "https://suporte.exemplo.com.br/ajuda";
  EXPECT_TRUE(validate(s).ok());
  s.url = "http://suporte.exemplo.com.br";
  EXPECT_EQ(fields_of(validate(s)), (std::vector<std::string>{"url"}));
  s.url = "javascript:alert(1)";
  EXPECT_EQ(fields_of(validate(s)), (std::vector<std::string>{"url"}));
  s.url = "https://user@evil.example";
  EXPECT_EQ(fields_of(validate(s)), (std::vector<std::string>{"url"}));
  s.url.reset();
  EXPECT_EQ(fields_of(validate(s)), (std::vector<std::string>{"url"})) << "some contact is required";
  s.email = "suporte@";
  s.phone = "12";
  s.label = "";
  EXPECT_EQ(fields_of(validate(s)), (std::vector<std::string>{"label", "email", "phone"}));
  s.label = "Central";
  s.email = "suporte@exemplo.com.br";
  s.phone = "0800 727 2026";
  EXPECT_TRUE(validate(s).ok());
}

TEST(SupportTest, PLT16_EachTenantHasItsOwnContactAndChangesAreAudited) {
  test::TestDatabase test_db;
  ASSERT_TRUE(db::Migrator(test_db.db(), db::embedded_migration_files()).migrate().ok());
  ManualClock clock(1'790'000'000'000'000);
  IdGenerator ids(clock, 6);
  audit::AuditLog audit(clock, ids);
  SupportService service(test_db.db(), clock, audit);
  audit::Entry who;
  who.tenant_id = 7;
  who.actor_type = "operator";
  who.actor_id = 1;
  who.actor_name = "Helena";

  EXPECT_FALSE(service.get(7).configured);
  SupportSettings s;
  s.label = "Central";
  s.url = "https://suporte.exemplo.com.br";
  s.hours = "Seg. a sex., 8h às 18h";
  auto saved = service.set(who, s);
  ASSERT_TRUE(saved.ok()) << saved.error().detail;
  EXPECT_TRUE(service.get(7).configured);
  EXPECT_EQ(*service.get(7).hours, "Seg. a sex., 8h às 18h");
  EXPECT_FALSE(service.get(8).configured);
  s.url.reset();
  s.email = "ajuda@exemplo.com.br";
  ASSERT_TRUE(service.set(who, s).ok());
  EXPECT_FALSE(service.get(7).url.has_value());
  EXPECT_EQ(*service.get(7).email, "ajuda@exemplo.com.br");
  s.email.reset();
  EXPECT_FALSE(service.set(who, s).ok());
  EXPECT_EQ(*service.get(7).email, "ajuda@exemplo.com.br") << "a refused change writes nothing";
  const auto audited = test_db.db().transact(db::TxMode::read, [](db::Transaction& tx) {
    return tx.query_one("SELECT COUNT(*) FROM audit_log WHERE tenant_id = 7 AND action = 'support.updated'")->integer(0);
  });
  EXPECT_EQ(audited, 2);
}

}  // namespace
}  // namespace rg::support
