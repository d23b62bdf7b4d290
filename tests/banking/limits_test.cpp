// covers TRX-05 (limits: day/night periods, per transaction and per day, account override beats
// base field by field), ACC-14 (cash-out levels: the lower of the level and the rules), ACC-16
// (a custom night start). Pure rules plus the service on SQLite and PostgreSQL.
#include "banking/limits/service.hpp"
#include "banking/transaction_types.hpp"
#include "core/calendar.hpp"
#include "platform/records_fixture.hpp"

namespace rg::banking::limits {
namespace {

using std::chrono::minutes;
using test::RecordsFixture;

constexpr std::int64_t tenant_a = RecordsFixture::tenant_a;
constexpr std::int64_t tenant_b = RecordsFixture::tenant_b;

EffectiveLimits limits_of(std::optional<Cents> dpt, std::optional<Cents> dpd, std::optional<Cents> npt,
                          std::optional<Cents> npd) {
  return effective_limits("pix", LimitValues{dpt, dpd, npt, npd}, std::nullopt, std::nullopt);
}

// 2026-03-02 (a Monday) at hh:mm:ss São Paulo time, as UTC microseconds.
std::int64_t sp(int day, int h, int m, int s = 0) {
  return sao_paulo_start_of_day_us(Date{2026, 3, static_cast<unsigned>(day)}) +
         ((h * 60 + m) * 60 + s) * microseconds_per_second;
}

bool has_field(const Error& e, const std::string& field) {
  for (const auto& f : e.fields) {
    if (f.field == field) return true;
  }
  return false;
}

TEST(LimitRules, DayAndNightBoundariesAtTheDefaultNightStart_TRX05) {
  EXPECT_EQ(period_at(LocalTime::hms(19, 59, 59), default_night_start), Period::day);
  EXPECT_EQ(period_at(LocalTime::hms(20, 0, 0), default_night_start), Period::night);
  EXPECT_EQ(period_at(LocalTime::hms(5, 59, 59), default_night_start), Period::night);
  EXPECT_EQ(period_at(LocalTime::hms(6, 0, 0), default_night_start), Period::day);
  EXPECT_EQ(period_at(LocalTime::hms(0, 0, 0), default_night_start), Period::night) << "midnight is night";
  EXPECT_EQ(period_at(LocalTime::hms(23, 59, 59), default_night_start), Period::night);

  const auto pix = limits_of(500'000, 2'000'000, 100'000, 100'000);
  // R$ 2.000,00 passes at 19:59:59 (day value R$ 5.000,00) and is refused at 20:00:00.
  EXPECT_TRUE(check(pix, 200'000, LocalTime::hms(19, 59, 59), default_night_start, 0, 0).allowed);
  const auto night = check(pix, 200'000, LocalTime::hms(20, 0, 0), default_night_start, 0, 0);
  EXPECT_FALSE(night.allowed);
  EXPECT_EQ(night.value, "night_per_transaction");
  EXPECT_EQ(night.limit, 100'000);
  EXPECT_EQ(night.remaining, 100'000);
  EXPECT_FALSE(check(pix, 200'000, LocalTime::hms(5, 59, 59), default_night_start, 0, 0).allowed);
  EXPECT_TRUE(check(pix, 200'000, LocalTime::hms(6, 0, 0), default_night_start, 0, 0).allowed);
}

TEST(LimitRules, CustomNightStartAt22_ACC16) {
  const minutes ten_pm{22 * 60};
  EXPECT_TRUE(valid_night_start(ten_pm));
  EXPECT_FALSE(valid_night_start(minutes{6 * 60})) << "no day period left";
  EXPECT_FALSE(valid_night_start(minutes{24 * 60}));
  const auto pix = limits_of(500'000, std::nullopt, 100'000, std::nullopt);
  EXPECT_TRUE(check(pix, 200'000, LocalTime::hms(21, 59, 59), ten_pm, 0, 0).allowed) << "still day at 21:59:59";
  EXPECT_TRUE(check(pix, 200'000, LocalTime::hms(20, 30, 0), ten_pm, 0, 0).allowed);
  EXPECT_EQ(check(pix, 200'000, LocalTime::hms(22, 0, 0), ten_pm, 0, 0).value, "night_per_transaction");
}

TEST(LimitRules, ExactlyAtTheLimitPassesOneCentavoAboveIsRefused_TRX05) {
  const auto pix = limits_of(500'000, 2'000'000, 100'000, 150'000);
  EXPECT_TRUE(check(pix, 500'000, LocalTime::hms(12, 0), default_night_start, 0, 0).allowed);
  const auto above = check(pix, 500'001, LocalTime::hms(12, 0), default_night_start, 0, 0);
  EXPECT_EQ(above.value, "day_per_transaction");
  EXPECT_EQ(above.remaining, 500'000);

  // Daily total: R$ 15.000,00 spent, R$ 5.000,00 fits exactly, one centavo more does not.
  EXPECT_TRUE(check(pix, 500'000, LocalTime::hms(12, 0), default_night_start, 1'500'000, 0).allowed);
  const auto day_total = check(pix, 500'000, LocalTime::hms(12, 0), default_night_start, 1'500'001, 0);
  EXPECT_FALSE(day_total.allowed);
  EXPECT_EQ(day_total.value, "day_per_day");
  EXPECT_EQ(day_total.limit, 2'000'000);
  EXPECT_EQ(day_total.remaining, 499'999);

  // Night total: R$ 500,00 spent this night of R$ 1.500,00.
  EXPECT_TRUE(check(pix, 100'000, LocalTime::hms(23, 0), default_night_start, 0, 50'000).allowed);
  const auto night_total = check(pix, 100'001, LocalTime::hms(1, 0), default_night_start, 0, 50'000);
  EXPECT_EQ(night_total.value, "night_per_transaction") << "per-transaction is checked first";
  const auto night_day = check(pix, 100'000, LocalTime::hms(1, 0), default_night_start, 0, 50'001);
  EXPECT_EQ(night_day.value, "night_per_day");
  EXPECT_EQ(night_day.remaining, 99'999);
  // The calendar day's total binds at night too.
  const auto calendar = check(pix, 100'000, LocalTime::hms(21, 0), default_night_start, 1'950'000, 0);
  EXPECT_EQ(calendar.value, "day_per_day");
  EXPECT_EQ(calendar.remaining, 50'000);
  // Overspent: remaining is never negative.
  EXPECT_EQ(check(pix, 1, LocalTime::hms(12, 0), default_night_start, 2'500'000, 0).remaining, 0);
  // No values, no limits.
  EXPECT_TRUE(check(limits_of({}, {}, {}, {}), 999'999'999, LocalTime::hms(3, 0), default_night_start, 0, 0).allowed);
}

TEST(LimitRules, WindowsOfADayAndANightAcrossMidnight_TRX05) {
  // 23:00 on the 2nd: the night of the 2nd, 20:00 on the 2nd to 06:00 on the 3rd.
  auto w = windows_at(sp(2, 23, 0), default_night_start);
  EXPECT_EQ(w.period, Period::night);
  EXPECT_EQ(w.period_window.start_us, sp(2, 20, 0));
  EXPECT_EQ(w.period_window.end_us, sp(3, 6, 0));
  EXPECT_EQ(w.calendar_day.start_us, sp(2, 0, 0));
  EXPECT_EQ(w.calendar_day.end_us, sp(3, 0, 0));
  // 01:00 on the 3rd: the same night, but the calendar day of the 3rd.
  w = windows_at(sp(3, 1, 0), default_night_start);
  EXPECT_EQ(w.period, Period::night);
  EXPECT_EQ(w.period_window.start_us, sp(2, 20, 0));
  EXPECT_EQ(w.period_window.end_us, sp(3, 6, 0));
  EXPECT_EQ(w.calendar_day.start_us, sp(3, 0, 0));
  // Midnight exactly starts the new calendar day inside the night.
  w = windows_at(sp(3, 0, 0), default_night_start);
  EXPECT_EQ(w.calendar_day.start_us, sp(3, 0, 0));
  EXPECT_EQ(w.period_window.start_us, sp(2, 20, 0));
  // 06:00:00 is day: 06:00 to 20:00.
  w = windows_at(sp(3, 6, 0), default_night_start);
  EXPECT_EQ(w.period, Period::day);
  EXPECT_EQ(w.period_window.start_us, sp(3, 6, 0));
  EXPECT_EQ(w.period_window.end_us, sp(3, 20, 0));
  w = windows_at(sp(3, 5, 59, 59), default_night_start);
  EXPECT_EQ(w.period, Period::night);
  // A 22:00 night start moves the windows.
  w = windows_at(sp(3, 21, 0), minutes{22 * 60});
  EXPECT_EQ(w.period, Period::day);
  EXPECT_EQ(w.period_window.end_us, sp(3, 22, 0));
  EXPECT_EQ(sao_paulo_time_of(sp(3, 19, 59, 59)).seconds, LocalTime::hms(19, 59, 59).seconds);
}

TEST(LimitRules, OverrideBeatsBaseFieldByFieldAndTheLowerCashOutValueWins_TRX05_ACC14) {
  const LimitValues base{100'000, 500'000, 50'000, 50'000};
  const LimitValues account{200'000, std::nullopt, std::nullopt, std::nullopt};
  auto e = effective_limits("cash_out", base, account, std::nullopt);
  EXPECT_EQ(*e.day_per_transaction.value, 200'000);
  EXPECT_EQ(e.day_per_transaction.origin, Origin::account);
  EXPECT_EQ(*e.day_per_day.value, 500'000);
  EXPECT_EQ(e.day_per_day.origin, Origin::base);
  const LimitValues level{150'000, 900'000, std::nullopt, 10'000};
  e = effective_limits("cash_out", base, account, level);
  EXPECT_EQ(*e.day_per_transaction.value, 150'000);
  EXPECT_EQ(e.day_per_transaction.origin, Origin::cash_out_level) << "the level is lower";
  EXPECT_EQ(e.day_per_day.origin, Origin::base) << "the rule is lower";
  EXPECT_EQ(e.night_per_transaction.origin, Origin::base) << "the level sets none";
  EXPECT_EQ(*e.night_per_day.value, 10'000);
  e = effective_limits("cash_out", std::nullopt, std::nullopt, level);
  EXPECT_EQ(e.day_per_day.origin, Origin::cash_out_level) << "no rule: the level applies";
  EXPECT_EQ(e.night_per_transaction.origin, Origin::none);
  EXPECT_FALSE(e.night_per_transaction.value);
}

class LimitServiceTest : public RecordsFixture {
 protected:
  LimitServiceTest() : limits_(db(), clock_, ids_, audit_, log_) { register_limit_events(catalog_); }
  std::int64_t events(const std::string& type) {
    return scalar("SELECT COUNT(*) FROM events WHERE tenant_id = $1 AND type = $2", {tenant_a, type});
  }
  LimitService limits_;
};

TEST_F(LimitServiceTest, BaseAndOverrideWithAuditEventsAndTenantIsolation_TRX05) {
  auto base = limits_.put(who(), base_scope, "pix", {500'000, 2'000'000, 100'000, 100'000});
  ASSERT_TRUE(base.ok()) << base.error().detail;
  EXPECT_TRUE(base->created);
  auto again = limits_.put(who(), base_scope, "pix", {600'000, 2'000'000, 100'000, 100'000});
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->rule.id, base->rule.id);
  ASSERT_TRUE(limits_.put(who(), 7001, "pix", {std::nullopt, 5'000'000, std::nullopt, std::nullopt}).ok());

  auto account = limits_.account_limits(tenant_a, 7001);
  ASSERT_TRUE(account.ok());
  ASSERT_EQ(account->effective.size(), transaction_types.size());
  const auto& pix = account->effective[1];
  EXPECT_EQ(pix.transaction_type, "pix");
  EXPECT_EQ(*pix.day_per_transaction.value, 600'000);
  EXPECT_EQ(pix.day_per_transaction.origin, Origin::base);
  EXPECT_EQ(*pix.day_per_day.value, 5'000'000);
  EXPECT_EQ(pix.day_per_day.origin, Origin::account);
  EXPECT_EQ(account->overrides.size(), 1u);

  db().transact(db::TxMode::read, [&](db::Transaction& tx) {
    const auto e = limits_.effective_in(tx, tenant_a, 7001, "pix");
    EXPECT_EQ(*e.day_per_day.value, 5'000'000);
    const auto other = limits_.effective_in(tx, tenant_b, 7001, "pix");
    EXPECT_FALSE(other.day_per_day.value) << "another tenant's rules do not apply";
  });
  EXPECT_TRUE(limits_.rules(tenant_b, base_scope).empty());

  ASSERT_TRUE(limits_.remove(who(), 7001, "pix").ok());
  EXPECT_EQ(limits_.remove(who(), 7001, "pix").error().code, ErrorCode::not_found);
  EXPECT_EQ(limits_.remove(who(tenant_b), base_scope, "pix").error().code, ErrorCode::not_found);
  EXPECT_EQ(audits("limit.created"), 2);
  EXPECT_EQ(audits("limit.updated"), 1);
  EXPECT_EQ(audits("limit.deleted"), 1);
  EXPECT_EQ(events("limit.created"), 2);
  EXPECT_EQ(events("limit.deleted"), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'limit.updated' AND before_json LIKE '%500000%'"
                   " AND after_json LIKE '%600000%'"),
            1)
      << "before and after";
}

TEST_F(LimitServiceTest, ValidationNamesTheFieldAndTheAccountHookIsAsked_TRX05) {
  auto bad = limits_.put(who(), base_scope, "pix", {-1, 10, 20, 10});
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(has_field(bad.error(), "day_per_transaction"));
  bad = limits_.put(who(), base_scope, "pix", {100, 10, std::nullopt, std::nullopt});
  EXPECT_TRUE(has_field(bad.error(), "day_per_transaction")) << "per transaction above per day";
  bad = limits_.put(who(), base_scope, "pix", {std::nullopt, std::nullopt, 20, 10});
  EXPECT_TRUE(has_field(bad.error(), "night_per_transaction"));
  EXPECT_TRUE(has_field(limits_.put(who(), base_scope, "doc", {}).error(), "transaction_type"));
  EXPECT_TRUE(has_field(limits_.put(who(), 7001, "pix", {}).error(), "day_per_transaction"))
      << "an empty override is refused";

  // A test double of the accounts module's hook.
  limits_.set_account_check([](db::Transaction&, std::int64_t tenant, Id account) -> Status {
    if (tenant == tenant_a && account == 7001) return {};
    return Error::not_found("Account not found.");
  });
  EXPECT_TRUE(limits_.put(who(), 7001, "ted", {100, std::nullopt, std::nullopt, std::nullopt}).ok());
  EXPECT_EQ(limits_.put(who(), 7002, "ted", {100, std::nullopt, std::nullopt, std::nullopt}).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(limits_.account_limits(tenant_b, 7001).error().code, ErrorCode::not_found);
  EXPECT_EQ(limits_.assign_level(who(), 7002, std::nullopt).error().code, ErrorCode::not_found);
}

TEST_F(LimitServiceTest, CheckTransferSumsTheWindowsOfTheInstantAndNamesTheValue_TRX05) {
  ASSERT_TRUE(limits_.put(who(), base_scope, "pix", {500'000, 2'000'000, 100'000, 150'000}).ok());
  std::vector<std::pair<std::int64_t, std::int64_t>> asked;
  Cents spent = 0;
  const SpentOver spent_over = [&](db::Transaction&, const Window& w) {
    asked.emplace_back(w.start_us, w.end_us);
    return spent;
  };
  auto run = [&](Cents amount, std::int64_t at) {
    return db().transact(db::TxMode::read, [&](db::Transaction& tx) {
      return limits_.check_transfer(tx, tenant_a, 7001, "pix", amount, at, default_night_start, spent_over);
    });
  };
  // Daytime: only the calendar day is summed.
  EXPECT_TRUE(run(500'000, sp(2, 12, 0)).ok());
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0], std::make_pair(sp(2, 0, 0), sp(3, 0, 0)));
  // 01:00 on the 3rd: the calendar day of the 3rd and the night that began at 20:00 on the 2nd.
  asked.clear();
  spent = 60'000;
  auto refused = run(100'000, sp(3, 1, 0));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::limit_exceeded);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "night_per_day");
  EXPECT_EQ(refused.error().fields[0].code, "limit_exceeded");
  EXPECT_NE(refused.error().detail.find("R$ 900,00"), std::string::npos) << refused.error().detail;
  ASSERT_EQ(asked.size(), 2u);
  EXPECT_EQ(asked[0], std::make_pair(sp(3, 0, 0), sp(4, 0, 0)));
  EXPECT_EQ(asked[1], std::make_pair(sp(2, 20, 0), sp(3, 6, 0)));
  EXPECT_TRUE(run(90'000, sp(3, 1, 0)).ok()) << "exactly what still fits";
  // No limits for the type: nothing is summed.
  asked.clear();
  EXPECT_TRUE(db().transact(db::TxMode::read,
                            [&](db::Transaction& tx) {
                              return limits_.check_transfer(tx, tenant_a, 7001, "ted", 999'999'999, sp(3, 1, 0),
                                                            default_night_start, spent_over);
                            })
                  .ok());
  EXPECT_TRUE(asked.empty());
}

TEST_F(LimitServiceTest, CashOutLevelsCrudAssignAndEffectiveMinimum_ACC14) {
  ASSERT_TRUE(limits_.put(who(), base_scope, "cash_out", {100'000, 300'000, 50'000, 50'000}).ok());
  auto basic = limits_.create_level(who(), {1, std::string("Básico"), LimitValues{50'000, 100'000, 20'000, 20'000}});
  ASSERT_TRUE(basic.ok()) << basic.error().detail;
  auto premium = limits_.create_level(who(), {2, std::string("Premium"), LimitValues{500'000, 1'000'000, {}, {}}});
  ASSERT_TRUE(premium.ok());
  auto clash = limits_.create_level(who(), {2, std::string("Outro"), LimitValues{}});
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, ErrorCode::conflict);
  EXPECT_TRUE(has_field(clash.error(), "level"));
  auto bad = limits_.create_level(who(), {0, std::string(""), LimitValues{-5, {}, {}, {}}});
  EXPECT_TRUE(has_field(bad.error(), "level"));
  EXPECT_TRUE(has_field(bad.error(), "name"));
  EXPECT_TRUE(has_field(bad.error(), "day_per_transaction"));

  auto assigned = limits_.assign_level(who(), 7001, basic->id);
  ASSERT_TRUE(assigned.ok());
  ASSERT_TRUE(*assigned);
  EXPECT_EQ((*assigned)->accounts, 1);
  auto account = limits_.account_limits(tenant_a, 7001);
  const auto& cash_out = account->effective.back();
  EXPECT_EQ(cash_out.transaction_type, "cash_out");
  EXPECT_EQ(*cash_out.day_per_transaction.value, 50'000);
  EXPECT_EQ(cash_out.day_per_transaction.origin, Origin::cash_out_level);
  EXPECT_EQ(account->cash_out_level->level, 1);
  EXPECT_EQ(account->effective[0].day_per_transaction.origin, Origin::none) << "p2p is not a cash-out";

  ASSERT_TRUE(limits_.assign_level(who(), 7001, premium->id).ok());
  account = limits_.account_limits(tenant_a, 7001);
  EXPECT_EQ(account->effective.back().day_per_transaction.origin, Origin::base) << "the rule is lower now";
  EXPECT_EQ(limits_.remove_level(who(), premium->id).error().code, ErrorCode::conflict) << "in use";
  EXPECT_TRUE(has_field(limits_.assign_level(who(), 7001, 999).error(), "level_id"));
  EXPECT_EQ(limits_.assign_level(who(tenant_b), 7001, premium->id).error().code, ErrorCode::invalid)
      << "another tenant's level";
  ASSERT_TRUE(limits_.assign_level(who(), 7001, std::nullopt).ok());
  ASSERT_TRUE(limits_.remove_level(who(), premium->id).ok());

  auto renamed = limits_.update_level(who(), basic->id, {std::nullopt, std::string("Inicial"), std::nullopt});
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->name, "Inicial");
  EXPECT_EQ(*renamed->values.day_per_transaction, 50'000) << "absent values stay";
  EXPECT_EQ(limits_.levels(tenant_a).size(), 1u);
  EXPECT_TRUE(limits_.levels(tenant_b).empty());
  EXPECT_EQ(audits("cash_out_level.assigned"), 3);
  EXPECT_EQ(audits("cash_out_level.updated"), 1);
  EXPECT_EQ(audits("cash_out_level.deleted"), 1);
}

}  // namespace
}  // namespace rg::banking::limits
