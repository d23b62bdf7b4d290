// covers PLT-15
#include "core/calendar.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace rg {
namespace {

Date date_of(std::string_view iso) { return parse_iso_date(iso).value(); }

const Holiday* find_holiday(const std::vector<Holiday>& holidays, std::string_view name_en) {
  const auto it = std::find_if(holidays.begin(), holidays.end(),
                               [&](const Holiday& holiday) { return holiday.name_en == name_en; });
  return it == holidays.end() ? nullptr : &*it;
}

TEST(CalendarTest, DaysSinceEpochMatchKnownValues) {
  EXPECT_EQ(to_days(Date{1970, 1, 1}), 0);
  EXPECT_EQ(to_days(Date{1969, 12, 31}), -1);
  EXPECT_EQ(to_days(Date{2000, 3, 1}), 11'017);
  EXPECT_EQ(from_days(11'017), (Date{2000, 3, 1}));
  EXPECT_EQ(from_days(-1), (Date{1969, 12, 31}));
}

TEST(CalendarTest, DaysRoundTripAndStepOneDayAtATime) {
  // From 1600 to 2400: every date valid, strictly increasing, and to_days inverts from_days.
  Date previous = from_days(-135'000);
  for (std::int64_t days = -134'999; days <= 157'000; ++days) {
    const Date date = from_days(days);
    ASSERT_TRUE(is_valid_date(date)) << days;
    ASSERT_LT(previous, date) << days;
    ASSERT_EQ(to_days(date), days);
    previous = date;
  }
}

TEST(CalendarTest, LeapYearsAndMonthLengths) {
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_FALSE(is_leap_year(2026));
  EXPECT_EQ(days_in_month(2024, 2), 29u);
  EXPECT_EQ(days_in_month(2026, 2), 28u);
  EXPECT_EQ(days_in_month(2026, 4), 30u);
  EXPECT_EQ(days_in_month(2026, 13), 0u);
  EXPECT_FALSE(is_valid_date(Date{2026, 0, 1}));
  EXPECT_FALSE(is_valid_date(Date{2026, 4, 31}));
}

TEST(CalendarTest, WeekdaysOfKnownDates) {
  EXPECT_EQ(weekday(Date{1970, 1, 1}), Weekday::thursday);
  EXPECT_EQ(weekday(Date{1969, 12, 31}), Weekday::wednesday);
  EXPECT_EQ(weekday(Date{2000, 1, 1}), Weekday::saturday);
  EXPECT_EQ(weekday(Date{2026, 2, 16}), Weekday::monday);
  EXPECT_EQ(weekday(Date{1900, 1, 1}), Weekday::monday);
}

TEST(CalendarTest, DatesCompareChronologically) {
  EXPECT_LT((Date{2025, 12, 31}), (Date{2026, 1, 1}));
  EXPECT_LT((Date{2026, 1, 31}), (Date{2026, 2, 1}));
  EXPECT_EQ((Date{2026, 2, 16}), (Date{2026, 2, 16}));
  EXPECT_NE((Date{2026, 2, 16}), (Date{2026, 2, 17}));
}

TEST(CalendarTest, ParsesAndFormatsIsoDates) {
  EXPECT_EQ(date_of("2026-02-16"), (Date{2026, 2, 16}));
  EXPECT_EQ(date_of("2024-02-29"), (Date{2024, 2, 29}));
  EXPECT_EQ(format_iso_date(Date{2026, 2, 6}), "2026-02-06");
  EXPECT_EQ(format_iso_date(Date{987, 1, 1}), "0987-01-01");
  EXPECT_EQ(format_br_date(Date{2026, 2, 6}), "06/02/2026");
}

TEST(CalendarTest, RejectsMalformedIsoDates) {
  for (const char* text : {"", "2026-2-16", "2026/02/16", "16/02/2026", "2026-02-16T00:00", "2026-02-1a",
                           " 2026-02-16", "+202-02-16"}) {
    const Result<Date> date = parse_iso_date(text, "due_date");
    ASSERT_FALSE(date.ok()) << text;
    EXPECT_EQ(date.error().detail, "date must be in the format YYYY-MM-DD") << text;
    EXPECT_EQ(date.error().fields.at(0).field, "due_date");
  }
}

TEST(CalendarTest, RejectsDatesThatDoNotExist) {
  for (const char* text : {"2025-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-00"}) {
    const Result<Date> date = parse_iso_date(text);
    ASSERT_FALSE(date.ok()) << text;
    EXPECT_EQ(date.error().detail, "date does not exist in the calendar") << text;
  }
}

TEST(CalendarTest, PLT15_EasterSundayOfKnownYears) {
  EXPECT_EQ(easter_sunday(2000), (Date{2000, 4, 23}));
  EXPECT_EQ(easter_sunday(2024), (Date{2024, 3, 31}));
  EXPECT_EQ(easter_sunday(2025), (Date{2025, 4, 20}));
  EXPECT_EQ(easter_sunday(2026), (Date{2026, 4, 5}));
  EXPECT_EQ(easter_sunday(2027), (Date{2027, 3, 28}));
  EXPECT_EQ(easter_sunday(2030), (Date{2030, 4, 21}));
  EXPECT_EQ(easter_sunday(2038), (Date{2038, 4, 25}));  // the latest possible date
  EXPECT_EQ(easter_sunday(2285), (Date{2285, 3, 22}));  // the earliest possible date
  for (int year = 1900; year <= 2200; ++year) EXPECT_EQ(weekday(easter_sunday(year)), Weekday::sunday) << year;
}

TEST(CalendarTest, PLT15_NationalHolidaysOf2026) {
  const std::vector<Holiday> holidays = national_holidays(2026);
  const std::vector<Date> expected = {
      {2026, 1, 1},  {2026, 2, 16},  {2026, 2, 17},  {2026, 4, 3},   {2026, 4, 21},  {2026, 5, 1},  {2026, 6, 4},
      {2026, 9, 7},  {2026, 10, 12}, {2026, 11, 2},  {2026, 11, 15}, {2026, 11, 20}, {2026, 12, 25}};
  ASSERT_EQ(holidays.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(holidays[i].date, expected[i]) << holidays[i].name_en;
  EXPECT_EQ(holidays[1].name_pt, "Segunda-feira de Carnaval");
  EXPECT_EQ(holidays[6].name_en, "Corpus Christi");
}

TEST(CalendarTest, PLT15_MovableHolidaysFollowEaster) {
  const std::vector<Holiday> holidays_2025 = national_holidays(2025);
  ASSERT_NE(find_holiday(holidays_2025, "Carnival Monday"), nullptr);
  EXPECT_EQ(find_holiday(holidays_2025, "Carnival Monday")->date, (Date{2025, 3, 3}));
  EXPECT_EQ(find_holiday(holidays_2025, "Carnival Tuesday")->date, (Date{2025, 3, 4}));
  EXPECT_EQ(find_holiday(holidays_2025, "Good Friday")->date, (Date{2025, 4, 18}));
  EXPECT_EQ(find_holiday(holidays_2025, "Corpus Christi")->date, (Date{2025, 6, 19}));

  const std::vector<Holiday> holidays_2024 = national_holidays(2024);
  EXPECT_EQ(find_holiday(holidays_2024, "Carnival Monday")->date, (Date{2024, 2, 12}));
  EXPECT_EQ(find_holiday(holidays_2024, "Good Friday")->date, (Date{2024, 3, 29}));
  EXPECT_EQ(find_holiday(holidays_2024, "Corpus Christi")->date, (Date{2024, 5, 30}));
}

TEST(CalendarTest, PLT15_BlackConsciousnessDayIsNationalOnlyFrom2024) {
  EXPECT_EQ(national_holidays(2023).size(), 12u);
  EXPECT_EQ(find_holiday(national_holidays(2023), "National Day of Zumbi and Black Consciousness"), nullptr);
  EXPECT_NE(find_holiday(national_holidays(2024), "National Day of Zumbi and Black Consciousness"), nullptr);
  EXPECT_FALSE(is_holiday(Date{2023, 11, 20}));
  EXPECT_TRUE(is_holiday(Date{2024, 11, 20}));
  EXPECT_TRUE(is_holiday(Date{2025, 11, 20}));
}

TEST(CalendarTest, PLT15_HolidaysOnTheSameDateAreBothListed) {
  // 2030: Easter Sunday is Apr 21, Tiradentes; 2000: Good Friday was Apr 21.
  const std::vector<Holiday> holidays_2030 = national_holidays(2030);
  EXPECT_EQ(find_holiday(holidays_2030, "Tiradentes Day")->date, (Date{2030, 4, 21}));
  EXPECT_EQ(find_holiday(holidays_2030, "Good Friday")->date, (Date{2030, 4, 19}));
  EXPECT_TRUE(is_holiday(Date{2030, 4, 21}));

  const std::vector<Holiday> holidays_2000 = national_holidays(2000);
  EXPECT_EQ(find_holiday(holidays_2000, "Good Friday")->date, (Date{2000, 4, 21}));
  EXPECT_EQ(std::count_if(holidays_2000.begin(), holidays_2000.end(),
                          [](const Holiday& holiday) { return holiday.date == Date{2000, 4, 21}; }),
            2);
}

TEST(CalendarTest, PLT15_HolidayListsAreSortedForManyYears) {
  for (int year = 2000; year <= 2100; ++year) {
    const std::vector<Holiday> holidays = national_holidays(year);
    EXPECT_TRUE(std::is_sorted(holidays.begin(), holidays.end(),
                               [](const Holiday& a, const Holiday& b) { return a.date < b.date; }))
        << year;
    for (const Holiday& holiday : holidays) EXPECT_TRUE(is_holiday(holiday.date)) << year;
  }
}

TEST(CalendarTest, PLT15_BusinessDaysExcludeWeekendsAndHolidays) {
  EXPECT_TRUE(is_business_day(Date{2026, 2, 13}));   // Friday
  EXPECT_FALSE(is_business_day(Date{2026, 2, 14}));  // Saturday
  EXPECT_FALSE(is_business_day(Date{2026, 2, 15}));  // Sunday
  EXPECT_FALSE(is_business_day(Date{2026, 2, 16}));  // Carnival Monday
  EXPECT_FALSE(is_business_day(Date{2026, 2, 17}));  // Carnival Tuesday
  EXPECT_TRUE(is_business_day(Date{2026, 2, 18}));   // Ash Wednesday: banks open
  EXPECT_FALSE(is_holiday(Date{2026, 2, 14}));       // a weekend day is not a holiday
}

TEST(CalendarTest, PLT15_AddBusinessDaysSkipsCarnival) {
  EXPECT_EQ(add_business_days(Date{2026, 2, 13}, 1), (Date{2026, 2, 18}));
  EXPECT_EQ(add_business_days(Date{2026, 2, 12}, 2), (Date{2026, 2, 18}));
  EXPECT_EQ(add_business_days(Date{2025, 2, 28}, 1), (Date{2025, 3, 5}));
}

TEST(CalendarTest, PLT15_AddBusinessDaysAcrossYearEnd) {
  EXPECT_EQ(add_business_days(Date{2025, 12, 31}, 1), (Date{2026, 1, 2}));
  EXPECT_EQ(add_business_days(Date{2026, 12, 24}, 1), (Date{2026, 12, 28}));  // Christmas on a Friday
  EXPECT_EQ(add_business_days(Date{2026, 12, 30}, 2), (Date{2027, 1, 4}));
}

TEST(CalendarTest, PLT15_AddBusinessDaysAroundNovember20) {
  EXPECT_EQ(add_business_days(Date{2023, 11, 17}, 1), (Date{2023, 11, 20}));  // not yet national
  EXPECT_EQ(add_business_days(Date{2024, 11, 19}, 1), (Date{2024, 11, 21}));
  EXPECT_EQ(add_business_days(Date{2025, 11, 19}, 1), (Date{2025, 11, 21}));
}

TEST(CalendarTest, PLT15_AddNegativeBusinessDays) {
  EXPECT_EQ(add_business_days(Date{2026, 2, 18}, -1), (Date{2026, 2, 13}));
  EXPECT_EQ(add_business_days(Date{2026, 1, 2}, -1), (Date{2025, 12, 31}));
  EXPECT_EQ(add_business_days(Date{2026, 3, 2}, -1), (Date{2026, 2, 27}));
  EXPECT_EQ(add_business_days(Date{2026, 3, 1}, -1), (Date{2026, 2, 27}));  // from a Sunday
  EXPECT_EQ(add_business_days(Date{2024, 11, 21}, -1), (Date{2024, 11, 19}));
}

TEST(CalendarTest, PLT15_AddZeroBusinessDaysRollsForwardOnlyOffBusinessDays) {
  EXPECT_EQ(add_business_days(Date{2026, 2, 13}, 0), (Date{2026, 2, 13}));
  EXPECT_EQ(add_business_days(Date{2026, 2, 14}, 0), (Date{2026, 2, 18}));
  EXPECT_EQ(add_business_days(Date{2026, 3, 7}, 1), (Date{2026, 3, 9}));  // Saturday + 1 is Monday
}

TEST(CalendarTest, PLT15_NextAndPreviousBusinessDay) {
  EXPECT_EQ(next_business_day_on_or_after(Date{2026, 2, 14}), (Date{2026, 2, 18}));
  EXPECT_EQ(next_business_day_on_or_after(Date{2026, 2, 18}), (Date{2026, 2, 18}));
  EXPECT_EQ(previous_business_day_on_or_before(Date{2026, 2, 17}), (Date{2026, 2, 13}));
  EXPECT_EQ(previous_business_day_on_or_before(Date{2026, 1, 1}), (Date{2025, 12, 31}));
}

TEST(CalendarTest, PLT15_BusinessDaysBetweenCountsStartButNotEnd) {
  EXPECT_EQ(business_days_between(Date{2026, 2, 13}, Date{2026, 2, 18}), 1);
  EXPECT_EQ(business_days_between(Date{2026, 2, 18}, Date{2026, 2, 13}), -1);
  EXPECT_EQ(business_days_between(Date{2026, 2, 18}, Date{2026, 2, 18}), 0);
  EXPECT_EQ(business_days_between(Date{2026, 2, 14}, Date{2026, 2, 18}), 0);
  // 2026 has 261 weekdays, 12 of them holidays (Nov 15 falls on a Sunday).
  EXPECT_EQ(business_days_between(Date{2026, 1, 1}, Date{2027, 1, 1}), 249);
}

TEST(CalendarTest, PLT15_BusinessDaysBetweenInvertsAddBusinessDays) {
  for (Date from{2026, 1, 1}; from < Date{2027, 1, 1}; from = add_days(from, 1)) {
    if (!is_business_day(from)) continue;
    for (int n = -30; n <= 30; ++n) {
      ASSERT_EQ(business_days_between(from, add_business_days(from, n)), n) << format_iso_date(from) << " " << n;
    }
  }
}

TEST(CalendarTest, PLT15_ExtraHolidaysOfATenant) {
  // São Paulo city's anniversary, Jan 25, fell on a Monday in 2027.
  const BusinessCalendar sao_paulo({Date{2027, 1, 25}, Date{2027, 1, 25}, Date{2026, 1, 26}});
  EXPECT_TRUE(sao_paulo.is_holiday(Date{2027, 1, 25}));
  EXPECT_FALSE(sao_paulo.is_business_day(Date{2027, 1, 25}));
  EXPECT_TRUE(is_business_day(Date{2027, 1, 25}));
  EXPECT_EQ(sao_paulo.add_business_days(Date{2027, 1, 22}, 1), (Date{2027, 1, 26}));
  EXPECT_EQ(add_business_days(Date{2027, 1, 22}, 1), (Date{2027, 1, 25}));
  EXPECT_TRUE(sao_paulo.is_holiday(Date{2026, 2, 16}));  // national holidays still apply
  EXPECT_FALSE(sao_paulo.is_business_day(Date{2026, 1, 26}));
  EXPECT_EQ(sao_paulo.business_days_between(Date{2027, 1, 22}, Date{2027, 1, 27}), 2);
  EXPECT_EQ(BusinessCalendar().business_days_between(Date{2027, 1, 22}, Date{2027, 1, 27}), 3);
}

}  // namespace
}  // namespace rg
