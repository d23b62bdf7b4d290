#pragma once
// The date-period filter of list endpoints (?from=2026-03-01&to=2026-03-10): São Paulo calendar
// dates (YYYY-MM-DD), both inclusive, turned into a half-open range of UTC instants for the
// `*_us` columns. Shared so every list reads and validates a period the same way.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/json.hpp"
#include "http/request.hpp"

namespace rg::http {

// Reads the optional dates `from_key` and `to_key` (empty means absent). A malformed date, or
// `to` before `from`, is Error::invalid naming the offending parameter.
inline Result<Period> date_period(const Request& request, std::string_view from_key = "from",
                                  std::string_view to_key = "to") {
  std::optional<Date> from;
  std::optional<Date> to;
  for (auto [key, date] : {std::pair{from_key, &from}, std::pair{to_key, &to}}) {
    auto text = request.query(key);
    if (!text || text->empty()) continue;
    auto parsed = parse_iso_date(*text, key);
    if (!parsed) return parsed.error();
    *date = *parsed;
  }
  if (from && to && *to < *from) {
    const std::string to_name(to_key);
    return Error::invalid(to_name, to_name + " must not be before " + std::string(from_key) + ".");
  }
  Period period;
  if (from) period.from_us = sao_paulo_start_of_day_us(*from);
  if (to) period.to_us = sao_paulo_start_of_day_us(add_days(*to, 1));
  return period;
}

}  // namespace rg::http
