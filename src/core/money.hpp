#pragma once
// Money is an integer number of centavos, never floating point (DESIGN.md §4.4). Rates are in
// basis points (1 bps = 0.01 %, 10 000 bps = 100 %).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace rg {

using Cents = std::int64_t;

inline constexpr std::int64_t basis_points_per_unit = 10'000;

// How a fractional centavo is resolved.
enum class Rounding {
  // Ties go away from zero (0,5 → 1; -0,5 → -1), like Java's RoundingMode.HALF_UP and the
  // "arredondamento" customers expect on fees and interest. The default here.
  half_up,
  // Ties go to the even neighbour (0,5 → 0; 1,5 → 2), unbiased over many operations; for
  // allocations and statistics where rounding bias would accumulate.
  half_even,
};

// Brazilian display form: "R$ 1.234,56", "R$ 0,00", and "-R$ 0,01" for negatives (the sign
// before the symbol, as pt-BR Intl.NumberFormat prints it). Uses a plain ASCII space after
// "R$" (Intl uses U+00A0) so logs, CSV exports and e-mails stay ASCII. Every value including
// INT64_MIN is formatted exactly.
std::string format_brl(Cents amount_cents);

// Parses reais written the Brazilian way: "1.234,56", "R$ 1.234,56", "1234,5", "1234",
// "-R$ 0,01", "R$ -0,01". '.' groups thousands (groups of exactly three digits) and ',' starts
// at most two decimals, so "1.5" and "1,234" are rejected as ambiguous rather than guessed.
// Surrounding spaces and a U+00A0 after "R$" (text pasted from browsers) are accepted.
// Garbage or a value outside int64 centavos is Error::invalid naming `field`.
Result<Cents> parse_brl(std::string_view text, std::string_view field = "amount");

// Exact arithmetic, or nothing when the result does not fit in int64.
std::optional<Cents> checked_add(Cents a, Cents b);
std::optional<Cents> checked_sub(Cents a, Cents b);
std::optional<Cents> checked_multiply(Cents amount, std::int64_t factor);

// amount × bps / 10 000 rounded as asked, computed in 128 bits so the product never
// overflows; nothing when the rounded result does not fit in int64 (possible only for rates
// above 100 % or INT64_MIN at -100 %).
std::optional<Cents> checked_apply_basis_points(Cents amount, std::int64_t bps,
                                                Rounding rounding = Rounding::half_up);

// Same as checked_apply_basis_points for the usual case of a fee, discount or tax share of at
// most 100 %, where the result always fits. A result that would not fit saturates at the int64
// bound; callers handling rates above 100 % from untrusted input use the checked variant.
Cents apply_basis_points(Cents amount, std::int64_t bps, Rounding rounding = Rounding::half_up);

}  // namespace rg
