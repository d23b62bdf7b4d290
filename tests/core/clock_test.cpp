#include "core/clock.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <latch>
#include <limits>
#include <thread>
#include <vector>

namespace rg {
namespace {

constexpr std::int64_t second_us = microseconds_per_second;
// 2026-11-22T08:00:12Z and 2026-11-22T03:00:00Z (São Paulo midnight), checked with Python.
constexpr std::int64_t sample_us = 1'795'334'412 * second_us;
constexpr std::int64_t sao_paulo_midnight_us = 1'795'316'400 * second_us;

std::int64_t system_now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TEST(ClockTest, ManualClockStartsWhereToldAndMoves) {
  ManualClock manual(sample_us);
  const Clock& clock = manual;
  EXPECT_EQ(clock.now_us(), sample_us);
  manual.advance_us(1'500);
  EXPECT_EQ(clock.now_us(), sample_us + 1'500);
  manual.advance_us(-500);
  EXPECT_EQ(clock.now_us(), sample_us + 1'000);
  manual.set_us(42);
  EXPECT_EQ(clock.now_us(), 42);
  EXPECT_EQ(ManualClock().now_us(), 0);
}

TEST(ClockTest, ManualClockAdvancesFromManyThreadsWithoutLosingSteps) {
  constexpr int thread_count = 4;
  constexpr int steps_per_thread = 200'000;
  ManualClock clock;
  // The latch releases all threads at once so their increments really overlap; a non-atomic
  // read-modify-write then loses steps.
  std::latch start(thread_count);
  std::vector<std::thread> threads;
  for (int t = 0; t < thread_count; ++t) {
    threads.emplace_back([&clock, &start] {
      start.arrive_and_wait();
      for (int i = 0; i < steps_per_thread; ++i) clock.advance_us(1);
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(clock.now_us(), std::int64_t{thread_count} * steps_per_thread);
}

TEST(ClockTest, SystemClockReadsTheWallClock) {
  const SystemClock clock;
  const std::int64_t before_us = system_now_us();
  const std::int64_t now_us = clock.now_us();
  const std::int64_t after_us = system_now_us();
  EXPECT_LE(before_us, now_us);
  EXPECT_LE(now_us, after_us);
  EXPECT_GT(now_us, 1'704'067'200 * second_us);  // after 2024-01-01, so not a zero or a ms count
}

TEST(ClockTest, FormatsIso8601InUtc) {
  EXPECT_EQ(format_iso8601_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_iso8601_utc(sample_us), "2026-11-22T08:00:12Z");
  EXPECT_EQ(format_iso8601_utc(sample_us + 999'999), "2026-11-22T08:00:12Z");  // truncated, not rounded
  EXPECT_EQ(format_iso8601_utc_ms(sample_us + 345'678), "2026-11-22T08:00:12.345Z");
  EXPECT_EQ(format_iso8601_utc_ms(sample_us), "2026-11-22T08:00:12.000Z");
}

TEST(ClockTest, FormatsInstantsBefore1970) {
  EXPECT_EQ(format_iso8601_utc(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_iso8601_utc_ms(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_iso8601_utc(-86'400 * second_us), "1969-12-31T00:00:00Z");
}

TEST(ClockTest, FormatsInt64Extremes) {
  EXPECT_EQ(format_iso8601_utc_ms(std::numeric_limits<std::int64_t>::max()), "294247-01-10T04:00:54.775Z");
  EXPECT_EQ(format_iso8601_utc_ms(std::numeric_limits<std::int64_t>::min()), "-290308-12-21T19:59:05.224Z");
}

TEST(ClockTest, UtcDateOfInstants) {
  EXPECT_EQ(utc_date(sample_us), (Date{2026, 11, 22}));
  EXPECT_EQ(utc_date(-1), (Date{1969, 12, 31}));
}

TEST(ClockTest, SaoPauloDateIsUtcMinusThree) {
  EXPECT_EQ(sao_paulo_date(sao_paulo_midnight_us - 1), (Date{2026, 11, 21}));
  EXPECT_EQ(sao_paulo_date(sao_paulo_midnight_us), (Date{2026, 11, 22}));
  EXPECT_EQ(sao_paulo_date(sample_us), (Date{2026, 11, 22}));
  // 01:00 UTC on Jan 1 is still New Year's Eve in São Paulo.
  EXPECT_EQ(sao_paulo_date(to_days(Date{2027, 1, 1}) * microseconds_per_day + 3'600 * second_us),
            (Date{2026, 12, 31}));
}

TEST(ClockTest, SaoPauloDateNeverOverflows) {
  EXPECT_EQ(sao_paulo_date(std::numeric_limits<std::int64_t>::min()), (Date{-290308, 12, 21}));
  EXPECT_EQ(sao_paulo_date(std::numeric_limits<std::int64_t>::max()), (Date{294247, 1, 10}));
}

TEST(ClockTest, SaoPauloStartOfDayIsThreeInTheMorningUtc) {
  EXPECT_EQ(sao_paulo_start_of_day_us(Date{2026, 11, 22}), sao_paulo_midnight_us);
  EXPECT_EQ(sao_paulo_start_of_day_us(Date{2019, 4, 1}), 1'554'087'600 * second_us);
  for (Date date{2019, 4, 1}; date < Date{2019, 5, 1}; date = add_days(date, 1)) {
    EXPECT_EQ(sao_paulo_date(sao_paulo_start_of_day_us(date)), date);
    EXPECT_EQ(sao_paulo_date(sao_paulo_start_of_day_us(date) - 1), add_days(date, -1));
  }
}

}  // namespace
}  // namespace rg
