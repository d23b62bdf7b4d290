#include "core/money.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace rg {
namespace {

constexpr Cents cents_max = std::numeric_limits<Cents>::max();
constexpr Cents cents_min = std::numeric_limits<Cents>::min();

// The parsed value, or a sentinel that no test expects, so a failure shows the message.
Cents parsed(std::string_view text) {
  const Result<Cents> result = parse_brl(text);
  EXPECT_TRUE(result.ok()) << text << ": " << (result.ok() ? "" : result.error().detail);
  return result.ok() ? *result : -424242;
}

TEST(MoneyTest, FormatsSmallValues) {
  EXPECT_EQ(format_brl(0), "R$ 0,00");
  EXPECT_EQ(format_brl(1), "R$ 0,01");
  EXPECT_EQ(format_brl(10), "R$ 0,10");
  EXPECT_EQ(format_brl(100), "R$ 1,00");
  EXPECT_EQ(format_brl(99'999), "R$ 999,99");
}

TEST(MoneyTest, FormatsThousandsWithDots) {
  EXPECT_EQ(format_brl(100'000), "R$ 1.000,00");
  EXPECT_EQ(format_brl(123'456), "R$ 1.234,56");
  EXPECT_EQ(format_brl(123'456'789), "R$ 1.234.567,89");
  EXPECT_EQ(format_brl(100'000'000'000), "R$ 1.000.000.000,00");
}

TEST(MoneyTest, FormatsNegativesWithSignBeforeSymbol) {
  EXPECT_EQ(format_brl(-1), "-R$ 0,01");
  EXPECT_EQ(format_brl(-123'456), "-R$ 1.234,56");
}

TEST(MoneyTest, FormatsInt64Extremes) {
  EXPECT_EQ(format_brl(cents_max), "R$ 92.233.720.368.547.758,07");
  EXPECT_EQ(format_brl(cents_min), "-R$ 92.233.720.368.547.758,08");
}

TEST(MoneyTest, ParsesBrazilianNotation) {
  EXPECT_EQ(parsed("1.234,56"), 123'456);
  EXPECT_EQ(parsed("R$ 1.234,56"), 123'456);
  EXPECT_EQ(parsed("R$1.234,56"), 123'456);
  EXPECT_EQ(parsed("1234,5"), 123'450);
  EXPECT_EQ(parsed("1234"), 123'400);
  EXPECT_EQ(parsed("0,01"), 1);
  EXPECT_EQ(parsed("1.234.567,89"), 123'456'789);
  EXPECT_EQ(parsed("  R$ 1,00  "), 100);
  EXPECT_EQ(parsed("0"), 0);
}

TEST(MoneyTest, ParsesNegatives) {
  EXPECT_EQ(parsed("-R$ 0,01"), -1);
  EXPECT_EQ(parsed("R$ -0,01"), -1);
  EXPECT_EQ(parsed("-1.234,56"), -123'456);
}

TEST(MoneyTest, ParsesNoBreakSpaceFromBrowsers) {
  EXPECT_EQ(parsed("R$\xC2\xA0" "1.234,56"), 123'456);
  EXPECT_EQ(parsed("-R$\xC2\xA0" "0,01"), -1);
}

TEST(MoneyTest, RejectsGarbage) {
  for (const char* text : {"", " ", "abc", "R$", "-", "1,", ",50", "1,234", "1.5", "12.34", "1.23,45",
                           "1234.567", "1 234", "1e3", "--1", "-R$ -1", "+1", "1,2a", "R$ 1,00 R$",
                           "r$ 1,00", "0x10", "1..234", "1.234.", "BRL 1,00"}) {
    const Result<Cents> result = parse_brl(text);
    EXPECT_FALSE(result.ok()) << '"' << text << "\" parsed as " << (result.ok() ? *result : 0);
  }
}

TEST(MoneyTest, ParseErrorNamesTheField) {
  const Result<Cents> result = parse_brl("abc", "fee_cents");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::invalid);
  EXPECT_EQ(result.error().fields.at(0).field, "fee_cents");
  EXPECT_EQ(parse_brl("abc").error().fields.at(0).field, "amount");
}

TEST(MoneyTest, ParseDetectsOverflow) {
  EXPECT_EQ(parsed("92.233.720.368.547.758,07"), cents_max);
  EXPECT_EQ(parsed("-92.233.720.368.547.758,08"), cents_min);
  for (const char* text : {"92.233.720.368.547.758,08", "-92.233.720.368.547.758,09", "92233720368547759",
                           "99999999999999999999999999999999999999999999,99"}) {
    const Result<Cents> result = parse_brl(text);
    ASSERT_FALSE(result.ok()) << text;
    EXPECT_EQ(result.error().detail, "amount is too large") << text;
  }
}

TEST(MoneyTest, FormatThenParseRoundTrips) {
  for (const Cents value : {Cents{0}, Cents{1}, Cents{-1}, Cents{99}, Cents{100}, Cents{123'456}, Cents{-987'654'321},
                            cents_max, cents_min, cents_max - 1, cents_min + 1}) {
    EXPECT_EQ(parsed(format_brl(value)), value) << format_brl(value);
  }
}

TEST(MoneyTest, CheckedAddAndSubDetectOverflow) {
  EXPECT_EQ(checked_add(1, 2), 3);
  EXPECT_EQ(checked_add(cents_max, 0), cents_max);
  EXPECT_EQ(checked_add(cents_max, 1), std::nullopt);
  EXPECT_EQ(checked_add(cents_min, -1), std::nullopt);
  EXPECT_EQ(checked_sub(5, 7), -2);
  EXPECT_EQ(checked_sub(cents_min, 1), std::nullopt);
  EXPECT_EQ(checked_sub(0, cents_min), std::nullopt);
  EXPECT_EQ(checked_sub(-1, cents_min), cents_max);
}

TEST(MoneyTest, CheckedMultiplyDetectsOverflow) {
  EXPECT_EQ(checked_multiply(1'234, 3), 3'702);
  EXPECT_EQ(checked_multiply(-1'234, 3), -3'702);
  EXPECT_EQ(checked_multiply(cents_max / 2 + 1, 2), std::nullopt);
  EXPECT_EQ(checked_multiply(cents_min, -1), std::nullopt);
  EXPECT_EQ(checked_multiply(cents_min, 1), cents_min);
}

TEST(MoneyTest, BasisPointsOfExactAmounts) {
  EXPECT_EQ(apply_basis_points(10'000, 150), 150);     // 1,5 % of R$ 100,00
  EXPECT_EQ(apply_basis_points(123'456, 10'000), 123'456);
  EXPECT_EQ(apply_basis_points(123'456, 0), 0);
  EXPECT_EQ(apply_basis_points(-10'000, 250), -250);
  EXPECT_EQ(apply_basis_points(10'000, -250), -250);
}

TEST(MoneyTest, HalfUpRoundsTiesAwayFromZero) {
  EXPECT_EQ(apply_basis_points(1, 5'000, Rounding::half_up), 1);    // 0,5
  EXPECT_EQ(apply_basis_points(5, 5'000, Rounding::half_up), 3);    // 2,5
  EXPECT_EQ(apply_basis_points(-1, 5'000, Rounding::half_up), -1);  // -0,5
  EXPECT_EQ(apply_basis_points(-5, 5'000, Rounding::half_up), -3);  // -2,5
  EXPECT_EQ(apply_basis_points(1, 5'000), 1) << "half-up is the default";
}

TEST(MoneyTest, HalfEvenRoundsTiesToEven) {
  EXPECT_EQ(apply_basis_points(1, 5'000, Rounding::half_even), 0);    // 0,5
  EXPECT_EQ(apply_basis_points(3, 5'000, Rounding::half_even), 2);    // 1,5
  EXPECT_EQ(apply_basis_points(5, 5'000, Rounding::half_even), 2);    // 2,5
  EXPECT_EQ(apply_basis_points(-1, 5'000, Rounding::half_even), 0);   // -0,5
  EXPECT_EQ(apply_basis_points(-3, 5'000, Rounding::half_even), -2);  // -1,5
}

TEST(MoneyTest, NonTiesRoundToNearestInBothModes) {
  for (const Rounding rounding : {Rounding::half_up, Rounding::half_even}) {
    EXPECT_EQ(apply_basis_points(1, 4'999, rounding), 0);
    EXPECT_EQ(apply_basis_points(1, 5'001, rounding), 1);
    EXPECT_EQ(apply_basis_points(-1, 5'001, rounding), -1);
    EXPECT_EQ(apply_basis_points(12'345, 199, rounding), 246);  // 245,6655
  }
}

TEST(MoneyTest, BasisPointsNeverOverflowInTheProduct) {
  EXPECT_EQ(apply_basis_points(cents_max, 10'000), cents_max);
  EXPECT_EQ(apply_basis_points(cents_max, 9'999), 9'222'449'699'651'090'329);  // ...329,4193
  EXPECT_EQ(apply_basis_points(cents_min, 10'000), cents_min);
}

TEST(MoneyTest, BasisPointsResultOverflowIsDetectedOrSaturated) {
  EXPECT_EQ(checked_apply_basis_points(cents_max, 20'000), std::nullopt);
  EXPECT_EQ(checked_apply_basis_points(cents_min, -10'000), std::nullopt);
  EXPECT_EQ(checked_apply_basis_points(cents_max / 2, 20'000), cents_max - 1);
  EXPECT_EQ(apply_basis_points(cents_max, 20'000), cents_max);
  EXPECT_EQ(apply_basis_points(-cents_max, 20'000), cents_min);
  EXPECT_EQ(apply_basis_points(cents_min, -10'000), cents_max);
}

}  // namespace
}  // namespace rg
