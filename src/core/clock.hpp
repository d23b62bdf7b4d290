#pragma once
// Time comes from an injected Clock (DESIGN.md §4.5) so tests can freeze and move it. Instants
// are UTC microseconds since 1970-01-01T00:00:00Z, the `*_us` columns of the database (§6).
#include <atomic>
#include <cstdint>
#include <string>

#include "core/calendar.hpp"

namespace rg {

inline constexpr std::int64_t microseconds_per_second = 1'000'000;
inline constexpr std::int64_t microseconds_per_day = 86'400 * microseconds_per_second;

// America/Sao_Paulo has been a fixed UTC-3 since Decree 9.772/2019 ended daylight saving time
// (the last DST period ended on 2019-02-17).
inline constexpr std::int64_t sao_paulo_utc_offset_us = -3 * 3'600 * microseconds_per_second;

class Clock {
 public:
  virtual ~Clock();
  virtual std::int64_t now_us() const = 0;  // UTC microseconds since the epoch
};

// The real wall clock (std::chrono::system_clock).
class SystemClock final : public Clock {
 public:
  std::int64_t now_us() const override;
};

// A clock that moves only when told, for tests. Safe to read and move from several threads.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start_us = 0) : now_us_(start_us) {}
  std::int64_t now_us() const override { return now_us_.load(std::memory_order_relaxed); }
  void set_us(std::int64_t now_us) { now_us_.store(now_us, std::memory_order_relaxed); }
  void advance_us(std::int64_t delta_us) { now_us_.fetch_add(delta_us, std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> now_us_;
};

// "2026-11-22T08:00:12Z": whole seconds, the fraction truncated (an instant is never shown as
// later than it happened). Instants before 1970 floor correctly.
std::string format_iso8601_utc(std::int64_t utc_us);
// "2026-11-22T08:00:12.345Z": the same with milliseconds, truncated.
std::string format_iso8601_utc_ms(std::int64_t utc_us);
// "21/09/2026 11:13": the São Paulo wall-clock time, as pt-BR texts (e-mails) show it.
std::string format_br_datetime_sao_paulo(std::int64_t utc_us);

// The UTC calendar date of an instant.
Date utc_date(std::int64_t utc_us);

// The civil date in São Paulo (and in Brasília, which shares the offset): the date customers
// and statements use. Implemented as the fixed UTC-3 offset, exact for instants from
// 2019-04-01 on. Earlier instants are not supported: they still get the UTC-3 date, which is
// wrong by one hour for parts of the old DST summers, and no caller needs them.
Date sao_paulo_date(std::int64_t utc_us);

// The instant São Paulo's `date` begins (00:00 local, 03:00 UTC), e.g. to select "today's"
// rows by their `*_us` timestamps; same support range as sao_paulo_date, and `date` must be
// one whose midnight fits in int64 microseconds (roughly years -290 000 to 294 000).
std::int64_t sao_paulo_start_of_day_us(Date date);

}  // namespace rg
