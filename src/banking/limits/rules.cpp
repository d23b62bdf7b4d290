// The pure limit rules of model.hpp.
#include <algorithm>

#include "banking/limits/model.hpp"
#include "core/clock.hpp"

namespace rg::banking::limits {

namespace {

EffectiveValue pick(const std::optional<LimitValues>& base, const std::optional<LimitValues>& account,
                    const std::optional<LimitValues>& level, std::optional<Cents> LimitValues::*field) {
  EffectiveValue out;
  if (account && (*account).*field) {
    out = {(*account).*field, Origin::account};
  } else if (base && (*base).*field) {
    out = {(*base).*field, Origin::base};
  }
  if (level && (*level).*field && (!out.value || *((*level).*field) < *out.value)) {
    out = {(*level).*field, Origin::cash_out_level};
  }
  return out;
}

// The refusal when `spent + amount` exceeds `limit`, if it does.
std::optional<LimitDecision> over(const EffectiveValue& limit, std::string_view name, Cents spent, Cents amount) {
  if (!limit.value) return std::nullopt;
  const Cents remaining = std::max<Cents>(0, *limit.value - spent);
  if (amount <= remaining) return std::nullopt;
  return LimitDecision{false, std::string(name), *limit.value, remaining};
}

}  // namespace

const char* origin_name(Origin origin) {
  switch (origin) {
    case Origin::base:
      return "base";
    case Origin::account:
      return "account";
    case Origin::cash_out_level:
      return "cash_out_level";
    case Origin::none:
      break;
  }
  return "none";
}

EffectiveLimits effective_limits(std::string_view transaction_type, const std::optional<LimitValues>& base,
                                 const std::optional<LimitValues>& account,
                                 const std::optional<LimitValues>& cash_out_level) {
  EffectiveLimits e;
  e.transaction_type = std::string(transaction_type);
  e.day_per_transaction = pick(base, account, cash_out_level, &LimitValues::day_per_transaction);
  e.day_per_day = pick(base, account, cash_out_level, &LimitValues::day_per_day);
  e.night_per_transaction = pick(base, account, cash_out_level, &LimitValues::night_per_transaction);
  e.night_per_day = pick(base, account, cash_out_level, &LimitValues::night_per_day);
  return e;
}

LocalTime sao_paulo_time_of(std::int64_t utc_us) {
  const std::int64_t local_us = utc_us + sao_paulo_utc_offset_us;
  const std::int64_t of_day = ((local_us % microseconds_per_day) + microseconds_per_day) % microseconds_per_day;
  return LocalTime{static_cast<int>(of_day / microseconds_per_second)};
}

bool valid_night_start(std::chrono::minutes night_start) {
  return night_start > day_start && night_start < std::chrono::minutes(24 * 60);
}

Period period_at(LocalTime at, std::chrono::minutes night_start) {
  const int night_s = static_cast<int>(night_start.count()) * 60;
  const int day_s = static_cast<int>(day_start.count()) * 60;
  return at.seconds >= day_s && at.seconds < night_s ? Period::day : Period::night;
}

LimitDecision check(const EffectiveLimits& limits, Cents amount, LocalTime at, std::chrono::minutes night_start,
                    Cents spent_today, Cents spent_this_night) {
  if (period_at(at, night_start) == Period::night) {
    if (auto refused = over(limits.night_per_transaction, field_night_per_transaction, 0, amount)) return *refused;
    if (auto refused = over(limits.night_per_day, field_night_per_day, spent_this_night, amount)) return *refused;
  } else if (auto refused = over(limits.day_per_transaction, field_day_per_transaction, 0, amount)) {
    return *refused;
  }
  if (auto refused = over(limits.day_per_day, field_day_per_day, spent_today, amount)) return *refused;
  return LimitDecision{};
}

Windows windows_at(std::int64_t utc_us, std::chrono::minutes night_start) {
  constexpr std::int64_t us_per_minute = 60 * microseconds_per_second;
  Windows w;
  const std::int64_t midnight = sao_paulo_start_of_day_us(sao_paulo_date(utc_us));
  w.calendar_day = {midnight, midnight + microseconds_per_day};
  const std::int64_t day_from = midnight + day_start.count() * us_per_minute;
  const std::int64_t night_from = midnight + night_start.count() * us_per_minute;
  w.period = period_at(sao_paulo_time_of(utc_us), night_start);
  if (w.period == Period::day) {
    w.period_window = {day_from, night_from};
  } else if (utc_us >= night_from) {
    w.period_window = {night_from, day_from + microseconds_per_day};  // tonight, until 06:00 tomorrow
  } else {
    w.period_window = {night_from - microseconds_per_day, day_from};  // last night's, after midnight
  }
  return w;
}

}  // namespace rg::banking::limits
