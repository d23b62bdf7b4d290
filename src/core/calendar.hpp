#pragma once
// Civil dates and the Brazilian business-day calendar used for settlement, due dates and
// interest counting (dias úteis).
//
// Dates are proleptic Gregorian and carry no time zone; turning an instant into the date a
// customer sees is clock.hpp's sao_paulo_date. The holiday rules model current federal law and
// the FEBRABAN/ANBIMA bank calendar, which is what matters for money movements from 2000 on;
// they are not a history of every past decree.
#include <compare>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace rg {

struct Date {
  int year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31

  // Member order makes the defaulted comparison chronological.
  auto operator<=>(const Date&) const = default;
};

enum class Weekday { sunday, monday, tuesday, wednesday, thursday, friday, saturday };

bool is_leap_year(int year);
unsigned days_in_month(int year, unsigned month);  // 0 for a month outside 1..12
bool is_valid_date(Date date);

// Days since 1970-01-01 (negative before it) and back, after Howard Hinnant's
// days_from_civil / civil_from_days. `date` must be valid.
std::int64_t to_days(Date date);
Date from_days(std::int64_t days);

Date add_days(Date date, std::int64_t days);
Weekday weekday(Date date);

// Strict "YYYY-MM-DD"; a malformed or non-existent date (2025-02-29) is Error::invalid naming
// `field`.
Result<Date> parse_iso_date(std::string_view text, std::string_view field = "date");
std::string format_iso_date(Date date);  // "2026-02-16"
std::string format_br_date(Date date);   // "16/02/2026", the pt-BR display form
// Writes the ISO form, so test failures and debug output show dates readably.
std::ostream& operator<<(std::ostream& out, Date date);

// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher); valid from 1583.
Date easter_sunday(int year);

struct Holiday {
  Date date;
  std::string_view name_pt;
  std::string_view name_en;
};

// The days the national financial system does not work, in date order: the federal holidays
// plus Carnival Monday and Tuesday, which are not federal holidays but are bank holidays in
// the FEBRABAN/ANBIMA calendar. Nov 20 (Zumbi e Consciência Negra) appears only from 2024
// (Law 14.759/2023). Two rules can fall on the same date (Good Friday on Apr 21 in 2000); both
// entries are kept so each name is listed.
std::vector<Holiday> national_holidays(int year);
bool is_national_holiday(Date date);

// Business days for one tenant: Monday to Friday, minus national holidays, minus any extra
// holidays given (a state or city holiday where the tenant operates, for instance).
class BusinessCalendar {
 public:
  BusinessCalendar() = default;  // national holidays only
  explicit BusinessCalendar(std::vector<Date> extra_holidays);

  bool is_holiday(Date date) const;
  bool is_business_day(Date date) const;
  Date next_business_day_on_or_after(Date date) const;
  Date previous_business_day_on_or_before(Date date) const;

  // Moves `business_days` business days forward (positive) or backward (negative), counting
  // only the days landed on: Friday + 1 is the next Monday, Saturday + 1 is also Monday,
  // Monday - 1 is the previous Friday. With 0 the result is next_business_day_on_or_after
  // (the date itself when it is a business day), which is the rule for a due date falling on
  // a weekend or holiday. Cost is linear in the distance covered.
  Date add_business_days(Date date, int business_days) const;

  // Business days in [from, to) — the start counts, the end does not, as in the market's
  // "dias úteis" count for interest — and the negated count of [to, from) when to < from.
  // When `from` is a business day, add_business_days(from, business_days_between(from, to))
  // == to for every business day `to`.
  int business_days_between(Date from, Date to) const;

 private:
  std::vector<Date> extra_holidays_;  // sorted, without duplicates
};

// The same operations on the national calendar (BusinessCalendar with no extra holidays).
bool is_holiday(Date date);
bool is_business_day(Date date);
Date next_business_day_on_or_after(Date date);
Date previous_business_day_on_or_before(Date date);
Date add_business_days(Date date, int business_days);
int business_days_between(Date from, Date to);

}  // namespace rg
