// covers ACC-03 (plans: CRUD with audit, one default per tenant, card IDs, parameters, soft delete
// refused while in use, restore, tags) and TRX-06 (tariffs: configuration, the pure quote at its
// boundaries) on SQLite and PostgreSQL.
#include "banking/plans/service.hpp"
#include "platform/records_fixture.hpp"

namespace rg::banking::plans {
namespace {

using test::RecordsFixture;

constexpr std::int64_t tenant_a = RecordsFixture::tenant_a;
constexpr std::int64_t tenant_b = RecordsFixture::tenant_b;

bool has_field(const Error& e, const std::string& field) {
  for (const auto& f : e.fields) {
    if (f.field == field) return true;
  }
  return false;
}

Tariff fixed(Cents amount, int quota = 0) {
  Tariff t;
  t.kind = TariffKind::fixed;
  t.fixed_amount = amount;
  t.free_quota = quota;
  return t;
}

Tariff rate(std::int64_t bps, std::optional<Cents> min = {}, std::optional<Cents> max = {}) {
  Tariff t;
  t.kind = TariffKind::percentage;
  t.rate_bps = bps;
  t.min_amount = min;
  t.max_amount = max;
  return t;
}

TEST(TariffQuote, FreeQuotaExactlyUsedIsCharged_TRX06) {
  const Tariff ted = fixed(890, 4);
  EXPECT_EQ(quote(ted, 100'000, 0).amount, 0);
  EXPECT_EQ(quote(ted, 100'000, 3).reason, "free_quota") << "the fourth TED of the month is free";
  const auto fifth = quote(ted, 100'000, 4);
  EXPECT_EQ(fifth.amount, 890) << "quota exactly used: the fifth is charged";
  EXPECT_EQ(fifth.reason, "fixed");
  Tariff off = ted;
  off.active = false;
  EXPECT_EQ(quote(off, 100'000, 10).amount, 0);
  EXPECT_EQ(quote(off, 100'000, 10).reason, "inactive");
}

TEST(TariffQuote, BasisPointsRoundHalfUp_TRX06) {
  // 1,5 % of R$ 10,01 = 15,015 centavos → 15; of R$ 10,03 = 15,045 → 15; of R$ 10,10 = 15,15 → 15.
  EXPECT_EQ(quote(rate(150), 1001, 0).amount, 15);
  // 0,5 % of R$ 1,01 = 0,505 centavo → 1 (half up); of R$ 0,99 = 0,495 → 0.
  EXPECT_EQ(quote(rate(50), 101, 0).amount, 1);
  EXPECT_EQ(quote(rate(50), 99, 0).amount, 0);
  // 2,5 % of R$ 0,30 = 0,75 → 1; exact half: 50 bps of 100 centavos = 0,5 → 1.
  EXPECT_EQ(quote(rate(250), 30, 0).amount, 1);
  EXPECT_EQ(quote(rate(50), 100, 0).amount, 1);
  EXPECT_EQ(quote(rate(50), 100, 0).reason, "rate");
}

TEST(TariffQuote, MinimumAndMaximumClampAndZeroAmount_TRX06) {
  const Tariff t = rate(100, 200, 1'000);  // 1 %, at least R$ 2,00, at most R$ 10,00
  // 1 % of R$ 199,49 = 199,49 centavos → 199, below the minimum; of R$ 199,99 → 199,99 → 200.
  EXPECT_EQ(quote(t, 19'949, 0).amount, 200);
  EXPECT_EQ(quote(t, 19'949, 0).reason, "minimum");
  EXPECT_EQ(quote(t, 19'949, 0).computed, 199);
  EXPECT_EQ(quote(t, 19'999, 0).reason, "rate") << "rounded up to exactly the minimum";
  EXPECT_EQ(quote(t, 20'000, 0).amount, 200) << "exactly the minimum";
  EXPECT_EQ(quote(t, 20'000, 0).reason, "rate");
  EXPECT_EQ(quote(t, 50'000, 0).amount, 500);
  EXPECT_EQ(quote(t, 100'000, 0).amount, 1'000) << "exactly the maximum";
  EXPECT_EQ(quote(t, 100'100, 0).amount, 1'000);
  EXPECT_EQ(quote(t, 100'100, 0).reason, "maximum");
  EXPECT_EQ(quote(t, 0, 0).amount, 200) << "a charged zero amount costs the minimum";
  EXPECT_EQ(quote(rate(100), 0, 0).amount, 0);
  EXPECT_EQ(quote(fixed(0), 0, 0).amount, 0);
}

TEST(TariffQuote, MonthWindowIsTheSaoPauloCalendarMonth_TRX06) {
  const auto at = [](int y, unsigned m, unsigned d, int h) {
    return sao_paulo_start_of_day_us(Date{y, m, d}) + h * 3'600 * microseconds_per_second;
  };
  auto w = month_window(at(2026, 12, 31, 23));
  EXPECT_EQ(w.start_us, at(2026, 12, 1, 0));
  EXPECT_EQ(w.end_us, at(2027, 1, 1, 0)) << "December rolls into the next year";
  // 23:30 on February 28th in São Paulo is already March 1st (02:30) in UTC: still February.
  w = month_window(at(2026, 2, 28, 23) + 30 * 60 * microseconds_per_second);
  EXPECT_EQ(w.start_us, at(2026, 2, 1, 0));
  EXPECT_EQ(w.end_us, at(2026, 3, 1, 0));
  EXPECT_EQ(month_window(at(2026, 3, 1, 0)).start_us, at(2026, 3, 1, 0));
}

class PlanServiceTest : public RecordsFixture {
 protected:
  PlanServiceTest() : plans_(db(), clock_, ids_, audit_, log_) {
    register_plan_events(catalog_);
    plans_.register_record_types(deleted_types_, tag_types_, "plans.read");
  }
  Plan plan(const std::string& name, std::int64_t tenant = tenant_a, bool is_default = false) {
    PlanInput in;
    in.name = name;
    in.is_default = is_default;
    auto p = plans_.create(who(tenant), in);
    EXPECT_TRUE(p.ok()) << (p ? "" : p.error().detail);
    return *p;
  }
  bool is_default(Id id) { return plans_.get(tenant_a, id)->is_default; }
  PlanService plans_;
};

TEST_F(PlanServiceTest, ExactlyOneDefaultPlan_ACC03) {
  const Plan essencial = plan("Essencial");
  EXPECT_TRUE(essencial.is_default) << "the first plan is the default";
  const Plan plus = plan("Plus");
  EXPECT_FALSE(plus.is_default);
  const Plan pj = plan("Empresarial PJ", tenant_a, true);
  EXPECT_TRUE(pj.is_default);
  EXPECT_FALSE(is_default(essencial.id)) << "the flag moved";
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM plans WHERE tenant_id = $1 AND is_default = 1", {tenant_a}), 1);

  PlanInput unflag;
  unflag.is_default = false;
  auto refused = plans_.update(who(), pj.id, unflag);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(has_field(refused.error(), "is_default"));
  PlanInput deactivate;
  deactivate.active = false;
  EXPECT_TRUE(has_field(plans_.update(who(), pj.id, deactivate).error(), "active"));
  auto removed = plans_.remove(who(), pj.id);
  EXPECT_EQ(removed.error().code, ErrorCode::conflict);
  EXPECT_TRUE(has_field(removed.error(), "is_default"));

  PlanInput flag;
  flag.is_default = true;
  ASSERT_TRUE(plans_.update(who(), plus.id, flag).ok());
  EXPECT_FALSE(is_default(pj.id));
  EXPECT_TRUE(is_default(plus.id));
  EXPECT_TRUE(plan("Outro tenant", tenant_b).is_default) << "one default per tenant";
  db().transact(db::TxMode::read, [&](db::Transaction& tx) {
    EXPECT_EQ(plans_.default_plan_in(tx, tenant_a), std::optional<Id>(plus.id));
    EXPECT_EQ(plans_.plan_in(tx, tenant_a, pj.id)->name, "Empresarial PJ");
    EXPECT_FALSE(plans_.plan_in(tx, tenant_b, pj.id)) << "another tenant's plan";
  });
  EXPECT_GE(audits("plan.updated"), 3) << "the demoted plan's change is audited too";
}

TEST_F(PlanServiceTest, CrudValidationCardIdsAndParameters_ACC03) {
  PlanInput in;
  in.name = "Plus";
  in.description = "Cesta intermediária";
  in.overdraft_limit = 100'000;
  in.monthly_fee = 1'990;
  in.parameters = std::map<std::string, std::string>{{"saques_gratis", "2"}, {"cashback.pct", "0.5"}};
  in.card_product_ids = std::vector<std::string>{"VISA-PLUS", "ELO-DEB", "VISA-PLUS"};
  auto plus = plans_.create(who(), in);
  ASSERT_TRUE(plus.ok()) << plus.error().detail;
  EXPECT_EQ(plus->card_product_ids, (std::vector<std::string>{"ELO-DEB", "VISA-PLUS"}));
  EXPECT_EQ(plus->parameters.at("saques_gratis"), "2");

  PlanInput upper;
  upper.name = "PLUS";
  auto duplicate = plans_.create(who(), upper);
  EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
  EXPECT_TRUE(has_field(duplicate.error(), "name"));
  PlanInput bad;
  bad.name = "";
  bad.overdraft_limit = -1;
  bad.monthly_fee = -1;
  bad.parameters = std::map<std::string, std::string>{{"com espaço", "x"}};
  bad.card_product_ids = std::vector<std::string>{"cartão"};
  auto invalid = plans_.create(who(), bad);
  for (const char* field : {"name", "overdraft_limit", "monthly_fee", "parameters", "card_product_ids"}) {
    EXPECT_TRUE(has_field(invalid.error(), field)) << field;
  }

  auto added = plans_.add_card_product(who(), plus->id, "MASTER-BLACK");
  ASSERT_TRUE(added.ok());
  EXPECT_TRUE(*added);
  EXPECT_FALSE(*plans_.add_card_product(who(), plus->id, "MASTER-BLACK")) << "adding twice is harmless";
  EXPECT_TRUE(has_field(plans_.add_card_product(who(), plus->id, "não").error(), "card_product_id"));
  ASSERT_TRUE(plans_.remove_card_product(who(), plus->id, "ELO-DEB").ok());
  EXPECT_EQ(plans_.remove_card_product(who(), plus->id, "ELO-DEB").error().code, ErrorCode::not_found);
  EXPECT_EQ(plans_.get(tenant_a, plus->id)->card_product_ids, (std::vector<std::string>{"MASTER-BLACK", "VISA-PLUS"}));
  EXPECT_EQ(plans_.get(tenant_b, plus->id).error().code, ErrorCode::not_found);
  EXPECT_EQ(plans_.add_card_product(who(tenant_b), plus->id, "X").error().code, ErrorCode::not_found);

  PlanInput change;
  change.description = "Nova descrição";
  auto changed = plans_.update(who(), plus->id, change);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->overdraft_limit, 100'000) << "absent fields stay";

  PlanFilter f;
  f.text = "lu";
  EXPECT_EQ(plans_.list(tenant_a, f).size(), 1u);
  f.text = "50%";
  EXPECT_TRUE(plans_.list(tenant_a, f).empty()) << "LIKE wildcards are literal";
  EXPECT_EQ(audits("plan.created"), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM events WHERE tenant_id = $1 AND type = 'plan.updated'", {tenant_a}), 3);
}

TEST_F(PlanServiceTest, DeleteRefusedWhileInUseThenRestoredAndTagged_ACC03) {
  plan("Essencial");
  const Plan plus = plan("Plus");
  const tags::Tag vip = tag("VIP");
  ASSERT_TRUE(tags_.attach(who(), vip.id, record_type_plan, plus.id).ok());
  PlanFilter by_tag;
  by_tag.tag_id = vip.id;
  EXPECT_EQ(plans_.list(tenant_a, by_tag).size(), 1u);

  // A test double of the accounts module's hook: one account uses "Plus".
  bool in_use = true;
  plans_.set_plan_in_use(
      [&](db::Transaction&, std::int64_t tenant, Id id) { return in_use && tenant == tenant_a && id == plus.id; });
  auto refused = plans_.remove(who(), plus.id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  in_use = false;
  ASSERT_TRUE(plans_.remove(who(), plus.id).ok());
  EXPECT_EQ(plans_.get(tenant_a, plus.id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(plans_.list(tenant_a, by_tag).empty());
  EXPECT_EQ(deleted_.list(tenant_a, {}).items.size(), 1u);

  const Plan other = plan("Plus");  // the name is free while deleted
  auto clash = deleted_.restore(who(), record_type_plan, plus.id);
  ASSERT_FALSE(clash.ok());
  EXPECT_TRUE(has_field(clash.error(), "name"));
  PlanInput rename;
  rename.name = "Plus 2";
  ASSERT_TRUE(plans_.update(who(), other.id, rename).ok());
  ASSERT_TRUE(deleted_.restore(who(), record_type_plan, plus.id).ok());
  auto back = plans_.get(tenant_a, plus.id);
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE(back->is_default);
  EXPECT_EQ(audits("plan.deleted"), 1);
  EXPECT_EQ(audits("plan.restored"), 1);
}

TEST_F(PlanServiceTest, TariffsPerPlanAndOperation_TRX06) {
  const Plan essencial = plan("Essencial");
  const Plan pj = plan("Empresarial PJ");
  TariffInput ted;
  ted.plan_id = essencial.id;
  ted.operation = "ted";
  ted.kind = TariffKind::fixed;
  ted.fixed_amount = 890;
  ted.free_quota = 4;
  auto t = plans_.create_tariff(who(), ted);
  ASSERT_TRUE(t.ok()) << t.error().detail;
  EXPECT_EQ(t->plan_name, "Essencial");
  auto twice = plans_.create_tariff(who(), ted);
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  EXPECT_TRUE(has_field(twice.error(), "operation"));

  TariffInput pix;
  pix.plan_id = pj.id;
  pix.operation = "pix";
  pix.kind = TariffKind::percentage;
  pix.rate_bps = 99;
  pix.min_amount = std::optional<Cents>(50);
  pix.max_amount = std::optional<Cents>(1'000);
  ASSERT_TRUE(plans_.create_tariff(who(), pix).ok());

  TariffInput bad;
  bad.plan_id = 999;
  bad.operation = "doc";
  bad.kind = TariffKind::percentage;
  bad.rate_bps = 10'001;
  bad.min_amount = std::optional<Cents>(500);
  bad.max_amount = std::optional<Cents>(100);
  bad.free_quota = -1;
  auto invalid = plans_.create_tariff(who(), bad);
  for (const char* field : {"plan_id", "operation", "rate_bps", "max_amount", "free_quota"}) {
    EXPECT_TRUE(has_field(invalid.error(), field)) << field;
  }
  TariffInput fee;
  fee.plan_id = essencial.id;
  fee.operation = "monthly_fee";
  fee.kind = TariffKind::percentage;
  fee.rate_bps = 10;
  EXPECT_TRUE(has_field(plans_.create_tariff(who(), fee).error(), "kind")) << "no amount to take a share of";
  TariffInput no_value;
  no_value.plan_id = essencial.id;
  no_value.operation = "boleto";
  no_value.kind = TariffKind::fixed;
  EXPECT_TRUE(has_field(plans_.create_tariff(who(), no_value).error(), "fixed_amount"));

  TariffInput change;
  change.free_quota = 2;
  change.max_amount = std::optional<Cents>();  // explicitly none
  auto changed = plans_.update_tariff(who(), t->id, change);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->free_quota, 2);
  EXPECT_EQ(changed->fixed_amount, 890);
  EXPECT_EQ(audits("tariff.updated"), 1);

  TariffFilter f;
  EXPECT_EQ(plans_.tariffs(tenant_a, f).size(), 2u);
  f.plan_id = pj.id;
  EXPECT_EQ(plans_.tariffs(tenant_a, f).size(), 1u);
  f = {};
  f.operation = "ted";
  EXPECT_EQ(plans_.tariffs(tenant_a, f).size(), 1u);
  f = {};
  f.active = false;
  EXPECT_TRUE(plans_.tariffs(tenant_a, f).empty());
  EXPECT_TRUE(plans_.tariffs(tenant_b, {}).empty());
  EXPECT_EQ(plans_.tariff(tenant_b, t->id).error().code, ErrorCode::not_found);

  db().transact(db::TxMode::read, [&](db::Transaction& tx) {
    auto found = plans_.tariff_for(tx, tenant_a, essencial.id, "ted");
    ASSERT_TRUE(found);
    EXPECT_EQ(quote(*found, 100'000, 2).amount, 890);
    EXPECT_FALSE(plans_.tariff_for(tx, tenant_a, essencial.id, "pix"));
  });
  // The charge for the transfers service: the month's count only asked when there is a quota.
  int asked = 0;
  int used = 1;
  const CountIn count = [&](db::Transaction&, const limits::Window& w) {
    ++asked;
    EXPECT_EQ(w.start_us, month_window(clock_.now_us()).start_us);
    return used;
  };
  db().transact(db::TxMode::read, [&](db::Transaction& tx) {
    auto free = plans_.charge_for(tx, tenant_a, essencial.id, "ted", 100'000, clock_.now_us(), count);
    ASSERT_TRUE(free);
    EXPECT_EQ(free->quote.amount, 0);
    EXPECT_EQ(free->quote.reason, "free_quota");
    EXPECT_EQ(free->description, "TED") << "the tariff has no description: the operation's label";
    used = 2;
    auto charged = plans_.charge_for(tx, tenant_a, essencial.id, "ted", 100'000, clock_.now_us(), count);
    EXPECT_EQ(charged->quote.amount, 890) << "quota 2 used up";
    EXPECT_EQ(charged->tariff_id, t->id);
    EXPECT_FALSE(plans_.charge_for(tx, tenant_a, essencial.id, "boleto", 100, clock_.now_us(), count))
        << "no tariff: free";
    auto pix_charge = plans_.charge_for(tx, tenant_a, pj.id, "pix", 100'000, clock_.now_us(), count);
    EXPECT_EQ(pix_charge->quote.amount, 990) << "0,99 % of R$ 1.000,00";
  });
  EXPECT_EQ(asked, 2) << "the Pix tariff has no quota";

  ASSERT_TRUE(plans_.remove(who(), pj.id).ok());
  EXPECT_EQ(plans_.tariffs(tenant_a, {}).size(), 1u) << "a deleted plan's tariffs are not listed";
}

}  // namespace
}  // namespace rg::banking::plans
