#include "core/clock.hpp"

#include <chrono>
#include <cstdio>

namespace rg {
namespace {

// Floor division and modulo for a positive divisor, so an instant before 1970 lands on the
// day and second it belongs to. The modulo is taken directly rather than as
// value - quotient * divisor, which overflows for the earliest instants.
std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
  const std::int64_t quotient = value / divisor;
  return value % divisor < 0 ? quotient - 1 : quotient;
}

std::int64_t floor_mod(std::int64_t value, std::int64_t divisor) {
  const std::int64_t remainder = value % divisor;
  return remainder < 0 ? remainder + divisor : remainder;
}

std::string format_utc(std::int64_t utc_us, bool with_milliseconds) {
  const std::int64_t days = floor_div(utc_us, microseconds_per_day);
  const std::int64_t us_of_day = floor_mod(utc_us, microseconds_per_day);
  const std::int64_t second_of_day = us_of_day / microseconds_per_second;
  const Date date = from_days(days);
  const auto hour = static_cast<int>(second_of_day / 3'600);
  const auto minute = static_cast<int>(second_of_day / 60 % 60);
  const auto second = static_cast<int>(second_of_day % 60);
  char buffer[64];
  if (with_milliseconds) {
    const auto millisecond = static_cast<int>(us_of_day % microseconds_per_second / 1'000);
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", date.year, date.month, date.day, hour,
                  minute, second, millisecond);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", date.year, date.month, date.day, hour,
                  minute, second);
  }
  return buffer;
}

}  // namespace

// Defined here so the vtable is emitted in one translation unit.
Clock::~Clock() = default;

std::int64_t SystemClock::now_us() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string format_iso8601_utc(std::int64_t utc_us) { return format_utc(utc_us, false); }

std::string format_iso8601_utc_ms(std::int64_t utc_us) { return format_utc(utc_us, true); }

Date utc_date(std::int64_t utc_us) { return from_days(floor_div(utc_us, microseconds_per_day)); }

Date sao_paulo_date(std::int64_t utc_us) {
  // The offset is applied to the time of day rather than to utc_us, so no instant overflows.
  const std::int64_t days = floor_div(utc_us, microseconds_per_day);
  const std::int64_t us_of_day = floor_mod(utc_us, microseconds_per_day);
  return from_days(days + floor_div(us_of_day + sao_paulo_utc_offset_us, microseconds_per_day));
}

std::int64_t sao_paulo_start_of_day_us(Date date) {
  return to_days(date) * microseconds_per_day - sao_paulo_utc_offset_us;
}

std::string format_br_datetime_sao_paulo(std::int64_t utc_us) {
  const std::int64_t local_us = utc_us + sao_paulo_utc_offset_us;
  std::int64_t second_of_day = (local_us / microseconds_per_second) % 86'400;
  if (second_of_day < 0) second_of_day += 86'400;
  char hhmm[8];
  std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", static_cast<int>(second_of_day / 3600),
                static_cast<int>((second_of_day / 60) % 60));
  return format_br_date(sao_paulo_date(utc_us)) + " " + hhmm;
}

}  // namespace rg
