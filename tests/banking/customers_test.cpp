// covers ACC-01 (customers PF/PJ: validation naming each field, unique document, update with
// audit before/after and events, list filters and keyset pages, soft delete with the dependents
// hook, tags and restore), ACC-02 (partners of PJ customers: share sum, duplicate documents, PF
// refusal, the company-partner link, removal and restore) and ACC-09 (documents: sniffing,
// stored file and SHA-256, review) on SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "banking/customers/demo.hpp"
#include "banking/customers/record_types.hpp"
#include "banking/customers/service.hpp"
#include "core/contact.hpp"
#include "core/documents.hpp"
#include "core/hash.hpp"
#include "db/migrations.hpp"
#include "platform/deleted/service.hpp"
#include "platform/tags/service.hpp"
#include "support/test_db.hpp"

namespace rg::customers {
namespace {

constexpr std::int64_t tenant_a = 21;
constexpr std::int64_t tenant_b = 22;

class CustomersTest : public ::testing::Test {
 protected:
  CustomersTest()
      : clock_(1'795'000'000'000'000),  // 2026-11-19
        ids_(clock_, 7),
        audit_(clock_, ids_),
        log_(catalog_, clock_, ids_),
        deleted_types_(catalog_),
        data_dir_(std::filesystem::temp_directory_path() / ("rg-customers-" + random_hex(6))),
        service_(db(), clock_, ids_, audit_, log_, data_dir_.string()),
        tags_(db(), clock_, ids_, audit_, tag_types_),
        deleted_(db(), clock_, audit_, log_, deleted_types_) {
    register_customer_types(catalog_, deleted_types_, tag_types_, service_);
  }
  ~CustomersTest() override {
    std::error_code ec;
    std::filesystem::remove_all(data_dir_, ec);
  }
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    ASSERT_TRUE(db::Migrator(db(), db::embedded_migration_files()).migrate().ok());
  }
  db::Database& db() { return test_db_.db(); }

  static audit::Entry who(std::int64_t tenant = tenant_a) {
    audit::Entry e;
    e.tenant_id = tenant;
    e.actor_type = "operator";
    e.actor_id = 501;
    e.actor_name = "Helena Prado";
    e.request_id = "req-customers";
    return e;
  }
  static CustomerInput person(const std::string& cpf = "529.982.247-25", const std::string& name = "Ana Souza") {
    CustomerInput in;
    in.kind = kind_pf;
    in.document = cpf;
    in.name = name;
    in.birth_date = "1990-05-17";
    in.mother_name = "Maria Souza";
    in.occupation = "Engenheira";
    in.email = "ana@exemplo.com.br";
    in.phone = "(11) 98765-4321";
    in.monthly_income_cents = 850'000;
    in.cep = "01310-100";
    in.street = "Avenida Paulista";
    in.number = "1000";
    in.district = "Bela Vista";
    in.city = "São Paulo";
    in.uf = "sp";
    return in;
  }
  static CustomerInput company(const std::string& cnpj = "11.222.333/0001-81", const std::string& name = "Aurora Ltda.") {
    CustomerInput in;
    in.kind = kind_pj;
    in.document = cnpj;
    in.name = name;
    in.trade_name = "Aurora";
    in.founding_date = "2010-01-04";
    in.company_size = "epp";
    in.email = "contato@aurora.com.br";
    in.phone = "(11) 3265-4000";
    in.monthly_revenue_cents = 42'000'000;
    in.cep = "04538133";
    in.street = "Avenida Faria Lima";
    in.number = "3477";
    in.district = "Itaim Bibi";
    in.city = "São Paulo";
    in.uf = "SP";
    return in;
  }
  Customer create(const CustomerInput& in, std::int64_t tenant = tenant_a) {
    auto c = service_.create(who(tenant), in);
    EXPECT_TRUE(c.ok()) << (c ? "" : c.error().detail);
    clock_.advance_us(1'000);
    return c.ok() ? *c : Customer{};
  }
  static PartnerInput partner(const std::string& document, std::int64_t share, const std::string& name = "Sócio") {
    PartnerInput in;
    in.document = document;
    in.name = name;
    in.share_bps = share;
    in.role = "socio";
    return in;
  }
  std::int64_t scalar(const std::string& sql, const db::Params& params = {}) {
    return db().transact(db::TxMode::read, [&](db::Transaction& tx) { return tx.query_one(sql, params)->integer(0); });
  }
  std::string text(const std::string& sql, const db::Params& params = {}) {
    return db().transact(db::TxMode::read, [&](db::Transaction& tx) { return tx.query_one(sql, params)->text(0); });
  }
  std::int64_t events(const std::string& type) {
    return scalar("SELECT COUNT(*) FROM events WHERE type = $1", {type});
  }
  // Whether the error names exactly `expected` (in any order).
  static ::testing::AssertionResult names(const Error& e, std::vector<std::string> expected) {
    std::vector<std::string> got;
    for (const auto& f : e.fields) got.push_back(f.field);
    std::sort(got.begin(), got.end());
    std::sort(expected.begin(), expected.end());
    if (got == expected) return ::testing::AssertionSuccess();
    std::string text;
    for (const auto& g : got) text += g + " ";
    return ::testing::AssertionFailure() << "fields named: " << text << "(" << e.detail << ")";
  }

  test::TestDatabase test_db_;
  ManualClock clock_;
  IdGenerator ids_;
  audit::AuditLog audit_;
  events::EventCatalog catalog_;
  events::EventLog log_;
  deleted::RecordTypes deleted_types_;
  tags::RecordTypes tag_types_;
  std::filesystem::path data_dir_;
  CustomerService service_;
  tags::TagService tags_;
  deleted::DeletedRecords deleted_;
};

TEST(CustomerContact, PhonesAreNormalizedWithTheirAreaCode_ACC01) {
  EXPECT_EQ(normalize_br_phone("(11) 98765-4321", true), "+5511987654321");
  EXPECT_EQ(normalize_br_phone("+55 21 99876-5432", true), "+5521998765432");
  EXPECT_EQ(normalize_br_phone("5511987654321", true), "+5511987654321");
  EXPECT_EQ(normalize_br_phone("(11) 3265-4000", false), "+551132654000");
  EXPECT_FALSE(normalize_br_phone("(11) 3265-4000", true)) << "a landline is not a mobile";
  EXPECT_FALSE(normalize_br_phone("(20) 98765-4321", false)) << "DDD 20 does not exist";
  EXPECT_FALSE(normalize_br_phone("(11) 88765-4321", false)) << "9-digit numbers start with 9";
  EXPECT_FALSE(normalize_br_phone("+1 415 555 0100", false));
  EXPECT_FALSE(normalize_br_phone("11 9876x4321", false));
  EXPECT_TRUE(plausible_email("ana@exemplo.com.br"));
  EXPECT_FALSE(plausible_email("ana@exemplo"));
}

TEST(CustomerDocuments, GeneratedDocumentsAreValid_ACC01) {
  EXPECT_EQ(complete_cpf("529982247"), "52998224725");
  EXPECT_EQ(complete_cnpj("112223330001"), "11222333000181");
  EXPECT_TRUE(is_valid_cnpj(complete_cnpj("12ABC34501DE")));
}

TEST(CustomerDocuments, ContentTypeComesFromTheBytes_ACC09) {
  EXPECT_EQ(sniff_content_type(tiny_pdf("x")), "application/pdf");
  EXPECT_EQ(sniff_content_type(tiny_png(2, 2, 1, 2, 3)), "image/png");
  EXPECT_EQ(sniff_content_type(std::string("\xFF\xD8\xFF\xE0") + "JFIF"), "image/jpeg");
  EXPECT_EQ(sniff_content_type(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(sniff_content_type(std::string("\0\0\0\x18" "ftypheic\0\0\0\0", 16)), "image/heic");
  EXPECT_EQ(sniff_content_type("<html><script>alert(1)</script>"), "");
  EXPECT_EQ(sniff_content_type("%PD"), "");
  EXPECT_EQ(sniff_content_type(""), "");
}

TEST_F(CustomersTest, CreatesPeopleAndCompaniesInCanonicalForm_ACC01) {
  const auto ana = create(person());
  EXPECT_EQ(ana.document, "52998224725");
  EXPECT_EQ(ana.phone, "+5511987654321");
  EXPECT_EQ(ana.address.cep, "01310100");
  EXPECT_EQ(ana.address.uf, "SP");
  EXPECT_EQ(ana.born_on, "1990-05-17");
  const auto aurora = create(company());
  EXPECT_EQ(aurora.document, "11222333000181");
  EXPECT_EQ(aurora.phone, "+551132654000");
  EXPECT_EQ(aurora.alt_name, "Aurora");
  EXPECT_EQ(aurora.company_size, "epp");
  auto alnum = service_.create(who(), company("12.abc.345/01de-35", "Tech Ltda."));
  ASSERT_TRUE(alnum.ok()) << alnum.error().detail;
  EXPECT_EQ(alnum->document, "12ABC34501DE35");

  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.created' AND tenant_id = $1", {tenant_a}), 3);
  EXPECT_EQ(events("customer.created"), 3);
  const auto json = customer_json(ana);
  EXPECT_NE(json.find(R"("monthly_income_cents":850000)"), std::string::npos);
  EXPECT_NE(json.find(R"("trade_name":null)"), std::string::npos);
}

TEST_F(CustomersTest, ValidationNamesEveryBadField_ACC01) {
  CustomerInput bad = person("529.982.247-26");
  bad.email = "ana@";
  bad.phone = "(11) 3265-4000";  // a landline for a person
  bad.birth_date = "2031-01-01";
  bad.cep = "0131";
  bad.uf = "XX";
  bad.trade_name = "Not for people";
  bad.mother_name = "";
  auto r = service_.create(who(), bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
  EXPECT_TRUE(names(r.error(), {"document", "email", "phone", "birth_date", "address.cep",
                                                      "address.uf", "trade_name", "mother_name"}));

  CustomerInput missing;
  missing.kind = kind_pj;
  missing.document = "11222333000181";
  r = service_.create(who(), missing);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(names(r.error(), {"name", "founding_date", "company_size", "email", "phone", "monthly_revenue_cents",
                                   "address.cep", "address.street", "address.number", "address.district",
                                   "address.city", "address.uf"}));
  CustomerInput nokind;
  r = service_.create(who(), nokind);
  EXPECT_TRUE(names(r.error(), {"kind", "document"}));
  CustomerInput pf_income = person();
  pf_income.monthly_income_cents = -1;
  EXPECT_TRUE(names(service_.create(who(), pf_income).error(), {"monthly_income_cents"}));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM customers"), 0) << "nothing was written";
}

TEST_F(CustomersTest, DocumentIsUniquePerTenantAmongLiveCustomers_ACC01) {
  create(person());
  auto again = service_.create(who(), person("52998224725", "Outra Ana"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_TRUE(names(again.error(), {"document"}));
  EXPECT_TRUE(service_.create(who(tenant_b), person()).ok()) << "another tenant may have the same customer";
}

TEST_F(CustomersTest, UpdateChangesContactAndPersonalDataWithAuditAndEvent_ACC01) {
  const auto ana = create(person());
  CustomerInput change;
  change.email = "ana.souza@novo.com.br";
  change.name = "Ana Souza Lima";
  change.phone = "21 99876 5432";
  change.monthly_income_cents = 990'000;
  change.social_name = "Aninha";
  change.occupation = "Gerente de projetos";
  change.city = "Rio de Janeiro";
  change.uf = "RJ";
  auto updated = service_.update(who(), ana.id, change);
  ASSERT_TRUE(updated.ok()) << updated.error().detail;
  EXPECT_EQ(updated->email, "ana.souza@novo.com.br");
  EXPECT_EQ(updated->phone, "+5521998765432");
  EXPECT_EQ(updated->monthly_income_cents, 990'000);
  EXPECT_EQ(updated->alt_name, "Aninha");
  EXPECT_EQ(updated->address.city, "Rio de Janeiro");
  EXPECT_EQ(updated->address.street, "Avenida Paulista") << "absent fields stay";
  EXPECT_EQ(service_.get(tenant_a, ana.id)->name, "Ana Souza Lima");
  const auto before = text("SELECT before_json FROM audit_log WHERE action = 'customer.updated'");
  const auto after = text("SELECT after_json FROM audit_log WHERE action = 'customer.updated'");
  EXPECT_NE(before.find("ana@exemplo.com.br"), std::string::npos);
  EXPECT_NE(after.find("ana.souza@novo.com.br"), std::string::npos);
  EXPECT_EQ(events("customer.updated"), 1);

  CustomerInput fixed;
  fixed.kind = kind_pj;
  fixed.document = "11222333000181";
  EXPECT_TRUE(names(service_.update(who(), ana.id, fixed).error(), {"kind", "document"}));
  CustomerInput empty_name;
  empty_name.name = "";
  EXPECT_TRUE(names(service_.update(who(), ana.id, empty_name).error(), {"name"}));
  EXPECT_EQ(service_.update(who(tenant_b), ana.id, change).error().code, ErrorCode::not_found);
}

TEST_F(CustomersTest, ListFiltersAndPages_ACC01) {
  const auto ana = create(person("52998224725", "Ângela Souza"));
  const auto joao = create(person(complete_cpf("123456789"), "João Álvares"));
  clock_.advance_us(3 * microseconds_per_day);
  const auto aurora = create(company());
  create(person(complete_cpf("987654321")), tenant_b);

  EXPECT_EQ(service_.list(tenant_a, {}).size(), 3u);
  CustomerFilter f;
  f.document = "52998224725";
  auto found = service_.list(tenant_a, f);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, ana.id);
  f = {};
  f.name_prefix = "angela";
  ASSERT_EQ(service_.list(tenant_a, f).size(), 1u) << "accent- and case-insensitive";
  f.name_prefix = "aurora";  // the trade name
  ASSERT_EQ(service_.list(tenant_a, f).size(), 1u);
  f.name_prefix = "souza";  // a prefix, not a substring
  EXPECT_TRUE(service_.list(tenant_a, f).empty());
  f = {};
  f.kind = kind_pj;
  ASSERT_EQ(service_.list(tenant_a, f).size(), 1u);
  f = {};
  f.email = "contato@aurora.com.br";
  EXPECT_EQ(service_.list(tenant_a, f).at(0).id, aurora.id);
  f = {};
  f.created_from_us = aurora.created_at_us;
  EXPECT_EQ(service_.list(tenant_a, f).size(), 1u);
  f = {};
  f.created_to_us = aurora.created_at_us;
  EXPECT_EQ(service_.list(tenant_a, f).size(), 2u);

  auto tag = tags_.create(who(), {"VIP", "gold", ""});
  ASSERT_TRUE(tag.ok());
  ASSERT_TRUE(tags_.attach(who(), tag->id, record_type_customer, joao.id).ok());
  f = {};
  f.tag_id = tag->id;
  auto tagged = service_.list(tenant_a, f);
  ASSERT_EQ(tagged.size(), 1u);
  EXPECT_EQ(tagged[0].id, joao.id);

  f = {};
  f.limit = 2;
  auto first = service_.list(tenant_a, f);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].id, aurora.id) << "newest first";
  f.before_id = first[1].id;
  auto rest = service_.list(tenant_a, f);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].id, ana.id);
}

TEST_F(CustomersTest, DeleteNeedsNoDependentsAndRestoreChecksTheDocument_ACC01) {
  const auto ana = create(person());
  bool has_accounts = true;
  service_.set_dependents_check([&](db::Transaction&, std::int64_t tenant, Id id) {
    return has_accounts && tenant == tenant_a && id == ana.id;
  });
  auto refused = service_.remove(who(), ana.id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  has_accounts = false;
  ASSERT_TRUE(service_.remove(who(), ana.id).ok());
  EXPECT_EQ(service_.get(tenant_a, ana.id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(service_.list(tenant_a, {}).empty());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM deleted_records WHERE record_type = 'customer' AND record_id = $1", {ana.id}), 1);
  EXPECT_EQ(text("SELECT summary FROM deleted_records WHERE record_id = $1", {ana.id}), "Ana Souza (529.982.247-25)");

  const auto again = create(person());  // the document is free meanwhile
  auto conflict = deleted_.restore(who(), record_type_customer, ana.id);
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().code, ErrorCode::conflict);
  EXPECT_TRUE(names(conflict.error(), {"document"}));
  ASSERT_TRUE(service_.remove(who(), again.id).ok());
  auto restored = deleted_.restore(who(), record_type_customer, ana.id);
  ASSERT_TRUE(restored.ok()) << restored.error().detail;
  EXPECT_TRUE(service_.get(tenant_a, ana.id).ok());
  EXPECT_EQ(events("customer.restored"), 1);
}

TEST_F(CustomersTest, PartnersOnlyForCompaniesWithSharesUpTo100Percent_ACC02) {
  const auto ana = create(person());
  auto refused = service_.add_partner(who(), ana.id, partner(complete_cpf("123456789"), 5000));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_TRUE(names(refused.error(), {"customer_id"}));

  const auto aurora = create(company());
  auto first = service_.add_partner(who(), aurora.id, partner("529.982.247-25", 6000, "Ana Souza"));
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_EQ(first->kind, kind_pf);
  auto second = service_.add_partner(who(), aurora.id, partner(complete_cpf("123456789"), 4000, "João"));
  ASSERT_TRUE(second.ok()) << second.error().detail;
  auto over = service_.add_partner(who(), aurora.id, partner(complete_cpf("987654321"), 1, "Zé"));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, ErrorCode::conflict);
  EXPECT_TRUE(names(over.error(), {"share_bps"}));
  auto zero = service_.add_partner(who(), aurora.id, partner(complete_cpf("987654321"), 0, "Diretor"));
  EXPECT_TRUE(zero.ok()) << "a director without shares fits";
  auto twice = service_.add_partner(who(), aurora.id, partner("52998224725", 0, "Ana de novo"));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  EXPECT_TRUE(names(twice.error(), {"document"}));

  PartnerInput bad;
  bad.document = "123";
  bad.share_bps = 10'001;
  bad.role = "dono";
  bad.email = "x@";
  bad.birth_date = "ontem";
  EXPECT_TRUE(names(service_.add_partner(who(), aurora.id, bad).error(),
                    {"document", "name", "share_bps", "role", "email", "birth_date"}));

  PartnerInput raise;
  raise.share_bps = 7000;
  auto raised = service_.update_partner(who(), aurora.id, second->id, raise);
  ASSERT_FALSE(raised.ok());
  EXPECT_TRUE(names(raised.error(), {"share_bps"}));
  raise.share_bps = 3000;
  raise.role = "socio_administrador";
  raise.legal_representative = true;
  raised = service_.update_partner(who(), aurora.id, second->id, raise);
  ASSERT_TRUE(raised.ok()) << raised.error().detail;
  EXPECT_EQ(raised->share_bps, 3000);
  EXPECT_TRUE(raised->legal_representative);
  EXPECT_EQ(events("customer.partner_added"), 3);
  EXPECT_EQ(events("customer.partner_updated"), 1);
  EXPECT_EQ(service_.partners(tenant_a, aurora.id)->size(), 3u);
  EXPECT_EQ(service_.partners(tenant_b, aurora.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(service_.update_partner(who(tenant_b), aurora.id, second->id, raise).error().code, ErrorCode::not_found);
}

TEST_F(CustomersTest, TwoPartnersAddedAtOnceNeverPass100Percent_ACC02) {
  const auto aurora = create(company());
  for (int round = 0; round < 5; ++round) {
    // Two operators add a 60 % partner at the same moment: the customer's row lock lets one in.
    std::atomic<int> added{0};
    std::atomic<int> refused{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i) {
      threads.emplace_back([&, i] {
        auto r = service_.add_partner(who(), aurora.id,
                                      partner(complete_cpf(std::to_string(100000000 + round * 10 + i + 1)), 6000));
        (r ? added : refused)++;
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(added.load(), 1);
    EXPECT_EQ(refused.load(), 1);
    EXPECT_EQ(scalar("SELECT SUM(share_bps) FROM customer_partners WHERE customer_id = $1 AND deleted_at_us IS NULL",
                     {aurora.id}),
              6000);
    const auto live = service_.partners(tenant_a, aurora.id);
    ASSERT_TRUE(live.ok());
    for (const auto& p : *live) {
      auto removed = service_.remove_partner(who(), aurora.id, p.id);
      ASSERT_TRUE(removed.ok()) << removed.error().detail;
    }
  }
}

TEST_F(CustomersTest, CompanyPartnerLinksToTheCustomerWithItsDocument_ACC02) {
  const auto holding = create(company("11.222.333/0001-81", "Holding S.A."));
  const auto tech = create(company(complete_cnpj("456789010001"), "Tech Ltda."));
  auto added = service_.add_partner(who(), tech.id, partner("11222333000181", 7000, "Holding S.A."));
  ASSERT_TRUE(added.ok()) << added.error().detail;
  EXPECT_EQ(added->kind, kind_pj);
  ASSERT_TRUE(added->partner_customer_id.has_value()) << "linked on its own";
  EXPECT_EQ(*added->partner_customer_id, holding.id);

  PartnerInput wrong_link = partner(complete_cpf("123456789"), 100, "Pessoa");
  wrong_link.partner_customer_id = std::optional<Id>(holding.id);
  EXPECT_TRUE(names(service_.add_partner(who(), tech.id, wrong_link).error(), {"partner_customer_id"}));
  auto self = service_.add_partner(who(), tech.id, partner(tech.document, 100, "Ela mesma"));
  EXPECT_TRUE(names(self.error(), {"document"}));

  PartnerInput unlink;
  unlink.partner_customer_id = std::optional<Id>();
  auto unlinked = service_.update_partner(who(), tech.id, added->id, unlink);
  ASSERT_TRUE(unlinked.ok()) << unlinked.error().detail;
  EXPECT_FALSE(unlinked->partner_customer_id.has_value());
}

TEST_F(CustomersTest, RemovedPartnerIsRestoredOnlyWhenItStillFits_ACC02) {
  const auto aurora = create(company());
  auto ana = service_.add_partner(who(), aurora.id, partner("52998224725", 6000, "Ana"));
  ASSERT_TRUE(ana.ok());
  ASSERT_TRUE(service_.remove_partner(who(), aurora.id, ana->id).ok());
  EXPECT_TRUE(service_.partners(tenant_a, aurora.id)->empty());
  EXPECT_EQ(events("customer.partner_removed"), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.partner_removed'"), 1);
  auto other = service_.add_partner(who(), aurora.id, partner(complete_cpf("123456789"), 5000, "João"));
  ASSERT_TRUE(other.ok());
  auto refused = deleted_.restore(who(), record_type_partner, ana->id);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(names(refused.error(), {"share_bps"}));
  PartnerInput less;
  less.share_bps = 4000;
  ASSERT_TRUE(service_.update_partner(who(), aurora.id, other->id, less).ok());
  auto restored = deleted_.restore(who(), record_type_partner, ana->id);
  ASSERT_TRUE(restored.ok()) << restored.error().detail;
  EXPECT_EQ(service_.partners(tenant_a, aurora.id)->size(), 2u);
  EXPECT_EQ(service_.remove_partner(who(tenant_b), aurora.id, ana->id).error().code, ErrorCode::not_found);
}

TEST_F(CustomersTest, DocumentsAreStoredSniffedAndReviewed_ACC09) {
  const auto ana = create(person());
  const auto pdf = tiny_pdf("RG de Ana");
  auto doc = service_.upload(who(), ana.id, "identity", "C:\\fotos\\rg ana.pdf", pdf);
  ASSERT_TRUE(doc.ok()) << doc.error().detail;
  EXPECT_EQ(doc->status, "pending");
  EXPECT_EQ(doc->content_type, "application/pdf");
  EXPECT_EQ(doc->file_name, "rg ana.pdf");
  EXPECT_EQ(doc->sha256, sha256_hex(pdf));
  EXPECT_EQ(doc->size_bytes, static_cast<std::int64_t>(pdf.size()));
  auto stored = service_.stored_file(tenant_a, ana.id, doc->id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->path, (data_dir_ / "documents" / std::to_string(tenant_a) / std::to_string(doc->id)).string());
  std::ifstream file(stored->path, std::ios::binary);
  std::stringstream content;
  content << file.rdbuf();
  EXPECT_EQ(content.str(), pdf);
  EXPECT_EQ(events("customer.document_received"), 1);
  EXPECT_EQ(service_.stored_file(tenant_b, ana.id, doc->id).error().code, ErrorCode::not_found);

  auto html = service_.upload(who(), ana.id, "identity", "x.pdf", "<html>not a pdf</html>");
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.error().code, ErrorCode::unsupported_media_type);
  EXPECT_TRUE(names(html.error(), {"body"}));
  EXPECT_TRUE(names(service_.upload(who(), ana.id, "passport", "x.pdf", pdf).error(), {"kind"}));
  EXPECT_TRUE(names(service_.upload(who(), ana.id, "selfie", "x.png", "").error(), {"body"}));
  EXPECT_EQ(service_.upload(who(tenant_b), ana.id, "selfie", "x.png", tiny_png(1, 1, 0, 0, 0)).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(service_.documents(tenant_a, ana.id)->size(), 1u);
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(data_dir_)) files += entry.is_regular_file();
  EXPECT_EQ(files, 1u) << "refused uploads leave no file behind";

  EXPECT_TRUE(names(service_.review(who(), ana.id, doc->id, false, "").error(), {"reason"}));
  auto approved = service_.review(who(), ana.id, doc->id, true, "");
  ASSERT_TRUE(approved.ok()) << approved.error().detail;
  EXPECT_EQ(approved->status, "approved");
  EXPECT_EQ(approved->reviewed_by_name, "Helena Prado");
  EXPECT_EQ(service_.review(who(), ana.id, doc->id, false, "Ilegível").error().code, ErrorCode::conflict);
  auto selfie = service_.upload(who(), ana.id, "selfie", "selfie.png", tiny_png(4, 4, 9, 9, 9));
  ASSERT_TRUE(selfie.ok());
  auto rejected = service_.review(who(), ana.id, selfie->id, false, "Rosto coberto");
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->rejection_reason, "Rosto coberto");
  EXPECT_EQ(events("customer.document_reviewed"), 2);
  service_.record_download(who(), *approved);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.document_downloaded'"), 1);
}

TEST_F(CustomersTest, AFailedTransactionLeavesNoFileBehind_ACC09) {
  const auto ana = create(person());
  // The row's INSERT fails inside the transaction, after the file was written.
  db().transact(db::TxMode::write, [&](db::Transaction& tx) {
    if (tx.kind() == db::Kind::postgresql) {
      tx.execute_script(
          "CREATE FUNCTION refuse_document() RETURNS trigger LANGUAGE plpgsql AS"
          " $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;"
          " CREATE TRIGGER refuse_document BEFORE INSERT ON customer_documents"
          " FOR EACH ROW EXECUTE FUNCTION refuse_document();");
    } else {
      tx.execute_script(
          "CREATE TRIGGER refuse_document BEFORE INSERT ON customer_documents"
          " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
    }
    return true;
  });
  EXPECT_THROW((void)service_.upload(who(), ana.id, "identity", "rg.pdf", tiny_pdf("RG")), db::DbError);
  std::size_t files = 0;
  if (std::filesystem::exists(data_dir_)) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(data_dir_)) files += entry.is_regular_file();
  }
  EXPECT_EQ(files, 0u) << "the file written before the transaction is removed";
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.document_received'"), 0);
}

TEST_F(CustomersTest, DemoDataLoads_ACC01) {
  std::ostringstream out;
  ASSERT_TRUE(load_demo_customers(service_, who(), out)) << out.str();
  CustomerFilter all;
  all.limit = 100;
  EXPECT_EQ(service_.list(tenant_a, all).size(), 19u);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM customer_partners WHERE partner_customer_id IS NOT NULL"), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM customer_documents WHERE status = 'pending'"), 3);
}

}  // namespace
}  // namespace rg::customers
