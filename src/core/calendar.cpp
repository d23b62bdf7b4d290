#include "core/calendar.hpp"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <ostream>

namespace rg {
namespace {

// One holiday rule: a fixed month/day, or an offset in days from Easter Sunday.
struct HolidayRule {
  bool relative_to_easter;
  unsigned month;
  unsigned day;
  int easter_offset_days;
  int first_year;  // the rule applies from this year on
  std::string_view name_pt;
  std::string_view name_en;
};

constexpr int always = INT_MIN;

// Carnival and Corpus Christi are not federal holidays by law (Corpus Christi is a federal
// "ponto facultativo"), but banks and the payment systems close on them, so for business-day
// arithmetic they are holidays like the others. This table is the single source for both
// national_holidays and is_national_holiday.
constexpr HolidayRule national_rules[] = {
    {false, 1, 1, 0, always, "Confraternização Universal", "New Year's Day"},
    {true, 0, 0, -48, always, "Segunda-feira de Carnaval", "Carnival Monday"},
    {true, 0, 0, -47, always, "Terça-feira de Carnaval", "Carnival Tuesday"},
    {true, 0, 0, -2, always, "Sexta-feira da Paixão", "Good Friday"},
    {false, 4, 21, 0, always, "Tiradentes", "Tiradentes Day"},
    {false, 5, 1, 0, always, "Dia do Trabalho", "Labour Day"},
    {true, 0, 0, 60, always, "Corpus Christi", "Corpus Christi"},
    {false, 9, 7, 0, always, "Independência do Brasil", "Independence Day"},
    {false, 10, 12, 0, always, "Nossa Senhora Aparecida", "Our Lady of Aparecida"},
    {false, 11, 2, 0, always, "Finados", "All Souls' Day"},
    {false, 11, 15, 0, always, "Proclamação da República", "Republic Proclamation Day"},
    // Law 14.759/2023 made Nov 20 a national holiday from 2024; before, only some cities kept it.
    {false, 11, 20, 0, 2024, "Dia Nacional de Zumbi e da Consciência Negra",
     "National Day of Zumbi and Black Consciousness"},
    {false, 12, 25, 0, always, "Natal", "Christmas Day"},
};

Date rule_date(const HolidayRule& rule, int year, Date easter) {
  if (rule.relative_to_easter) return add_days(easter, rule.easter_offset_days);
  return Date{year, rule.month, rule.day};
}

// Floor division and modulo, so dates before 1970 map to the right weekday.
std::int64_t floor_mod(std::int64_t value, std::int64_t divisor) {
  const std::int64_t remainder = value % divisor;
  return remainder < 0 ? remainder + divisor : remainder;
}

bool parse_digits(std::string_view text, int& value) {
  value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(int year, unsigned month) {
  constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

bool is_valid_date(Date date) { return date.day >= 1 && date.day <= days_in_month(date.year, date.month); }

// Howard Hinnant's days_from_civil: count from a year starting on March 1 so the leap day is
// the last day of the shifted year, in 400-year eras of 146 097 days.
std::int64_t to_days(Date date) {
  const std::int64_t year = static_cast<std::int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t year_of_era = year - era * 400;                                    // [0, 399]
  const std::int64_t shifted_month = date.month > 2 ? date.month - 3 : date.month + 9;  // March = 0
  const std::int64_t day_of_year = (153 * shifted_month + 2) / 5 + date.day - 1;        // [0, 365]
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;  // 719 468 days from 0000-03-01 to 1970-01-01
}

// Howard Hinnant's civil_from_days, the inverse of to_days.
Date from_days(std::int64_t days) {
  const std::int64_t shifted = days + 719468;
  const std::int64_t era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
  const std::int64_t day_of_era = shifted - era * 146097;  // [0, 146096]
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;  // [0, 399]
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;  // March = 0
  const auto day = static_cast<unsigned>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const auto month = static_cast<unsigned>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  const auto year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return Date{year, month, day};
}

Date add_days(Date date, std::int64_t days) { return from_days(to_days(date) + days); }

Weekday weekday(Date date) {
  // 1970-01-01 was a Thursday.
  return static_cast<Weekday>(floor_mod(to_days(date) + 4, 7));
}

Result<Date> parse_iso_date(std::string_view text, std::string_view field) {
  int year = 0;
  int month = 0;
  int day = 0;
  const bool shape_ok = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                        parse_digits(text.substr(0, 4), year) && parse_digits(text.substr(5, 2), month) &&
                        parse_digits(text.substr(8, 2), day);
  if (!shape_ok) return Error::invalid(std::string(field), "date must be in the format YYYY-MM-DD");
  const Date date{year, static_cast<unsigned>(month), static_cast<unsigned>(day)};
  if (!is_valid_date(date)) return Error::invalid(std::string(field), "date does not exist in the calendar");
  return date;
}

std::string format_iso_date(Date date) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", date.year, date.month, date.day);
  return buffer;
}

std::string format_br_date(Date date) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%02u/%02u/%04d", date.day, date.month, date.year);
  return buffer;
}

std::ostream& operator<<(std::ostream& out, Date date) { return out << format_iso_date(date); }

Date easter_sunday(int year) {
  const int golden = year % 19;
  const int century = year / 100;
  const int year_of_century = year % 100;
  const int leap_centuries = century / 4;
  const int century_remainder = century % 4;
  const int moon_correction = (century + 8) / 25;
  const int solar_correction = (century - moon_correction + 1) / 3;
  const int epact = (19 * golden + century - leap_centuries - solar_correction + 15) % 30;
  const int days_to_sunday =
      (32 + 2 * century_remainder + 2 * (year_of_century / 4) - epact - year_of_century % 4) % 7;
  const int late_correction = (golden + 11 * epact + 22 * days_to_sunday) / 451;
  const int month_and_day = epact + days_to_sunday - 7 * late_correction + 114;
  return Date{year, static_cast<unsigned>(month_and_day / 31), static_cast<unsigned>(month_and_day % 31 + 1)};
}

std::vector<Holiday> national_holidays(int year) {
  const Date easter = easter_sunday(year);
  std::vector<Holiday> holidays;
  holidays.reserve(std::size(national_rules));
  for (const HolidayRule& rule : national_rules) {
    if (year < rule.first_year) continue;
    holidays.push_back(Holiday{rule_date(rule, year, easter), rule.name_pt, rule.name_en});
  }
  std::stable_sort(holidays.begin(), holidays.end(),
                   [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return holidays;
}

bool is_national_holiday(Date date) {
  const Date easter = easter_sunday(date.year);
  return std::any_of(std::begin(national_rules), std::end(national_rules), [&](const HolidayRule& rule) {
    return date.year >= rule.first_year && rule_date(rule, date.year, easter) == date;
  });
}

BusinessCalendar::BusinessCalendar(std::vector<Date> extra_holidays) : extra_holidays_(std::move(extra_holidays)) {
  std::sort(extra_holidays_.begin(), extra_holidays_.end());
  extra_holidays_.erase(std::unique(extra_holidays_.begin(), extra_holidays_.end()), extra_holidays_.end());
}

bool BusinessCalendar::is_holiday(Date date) const {
  return is_national_holiday(date) || std::binary_search(extra_holidays_.begin(), extra_holidays_.end(), date);
}

bool BusinessCalendar::is_business_day(Date date) const {
  const Weekday day = weekday(date);
  return day != Weekday::saturday && day != Weekday::sunday && !is_holiday(date);
}

Date BusinessCalendar::next_business_day_on_or_after(Date date) const {
  while (!is_business_day(date)) date = add_days(date, 1);
  return date;
}

Date BusinessCalendar::previous_business_day_on_or_before(Date date) const {
  while (!is_business_day(date)) date = add_days(date, -1);
  return date;
}

Date BusinessCalendar::add_business_days(Date date, int business_days) const {
  if (business_days == 0) return next_business_day_on_or_after(date);
  const int step = business_days > 0 ? 1 : -1;
  // `remaining` moves toward zero by one per business day landed on; never negated, so
  // INT_MIN is safe.
  for (int remaining = business_days; remaining != 0;) {
    date = add_days(date, step);
    if (is_business_day(date)) remaining -= step;
  }
  return date;
}

int BusinessCalendar::business_days_between(Date from, Date to) const {
  if (to < from) return -business_days_between(to, from);
  int count = 0;
  for (Date day = from; day < to; day = add_days(day, 1)) {
    if (is_business_day(day)) ++count;
  }
  return count;
}

bool is_holiday(Date date) { return BusinessCalendar().is_holiday(date); }
bool is_business_day(Date date) { return BusinessCalendar().is_business_day(date); }
Date next_business_day_on_or_after(Date date) { return BusinessCalendar().next_business_day_on_or_after(date); }
Date previous_business_day_on_or_before(Date date) {
  return BusinessCalendar().previous_business_day_on_or_before(date);
}
Date add_business_days(Date date, int business_days) {
  return BusinessCalendar().add_business_days(date, business_days);
}
int business_days_between(Date from, Date to) { return BusinessCalendar().business_days_between(from, to); }

}  // namespace rg
