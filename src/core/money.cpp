#include "core/money.hpp"

#include <limits>

namespace rg {
namespace {

using Wide = __int128;
using WideUnsigned = unsigned __int128;

constexpr std::int64_t cents_per_real = 100;
constexpr std::string_view no_break_space = "\xC2\xA0";  // U+00A0 in UTF-8

// "1234567" → "1.234.567".
std::string group_thousands(std::uint64_t value) {
  const std::string digits = std::to_string(value);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A tiny forward-only reader over the text being parsed.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : rest_(text) {}

  bool consume(std::string_view prefix) {
    if (rest_.substr(0, prefix.size()) != prefix) return false;
    rest_.remove_prefix(prefix.size());
    return true;
  }
  void skip_spaces() {
    while (consume(" ") || consume(no_break_space)) {
    }
  }
  bool done() const { return rest_.empty(); }

  // Reads a run of digits into `value` (saturating at `cap`, so absurdly long input cannot
  // overflow) and returns how many digits were read.
  std::size_t digits(WideUnsigned& value, WideUnsigned cap) {
    std::size_t count = 0;
    while (!rest_.empty() && is_digit(rest_.front())) {
      value = value * 10 + static_cast<unsigned>(rest_.front() - '0');
      if (value > cap) value = cap;
      rest_.remove_prefix(1);
      ++count;
    }
    return count;
  }

 private:
  std::string_view rest_;
};

// Anything above this already overflows int64 centavos; it also keeps value * 10 in range.
constexpr WideUnsigned magnitude_cap = WideUnsigned{1} << 64;

// Reads the reais part: either plain digits ("1234") or groups of three after '.' ("1.234").
bool parse_reais(Cursor& in, WideUnsigned& reais) {
  const std::size_t leading = in.digits(reais, magnitude_cap);
  if (leading == 0) return false;
  if (!in.consume(".")) return true;
  if (leading > 3) return false;
  do {
    if (in.digits(reais, magnitude_cap) != 3) return false;
  } while (in.consume("."));
  return true;
}

// Reads the optional ",d" or ",dd" and returns the centavos it stands for.
bool parse_centavos(Cursor& in, WideUnsigned& centavos) {
  if (!in.consume(",")) return true;
  const std::size_t count = in.digits(centavos, magnitude_cap);
  if (count == 1) centavos *= 10;  // "1234,5" means fifty centavos
  return count == 1 || count == 2;
}

}  // namespace

std::string format_brl(Cents amount_cents) {
  const bool negative = amount_cents < 0;
  // Negating INT64_MIN overflows, so the magnitude is taken in unsigned arithmetic.
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(amount_cents) : static_cast<std::uint64_t>(amount_cents);
  const auto centavos = static_cast<unsigned>(magnitude % cents_per_real);
  std::string out = negative ? "-R$ " : "R$ ";
  out += group_thousands(magnitude / cents_per_real);
  out.push_back(',');
  out.push_back(static_cast<char>('0' + centavos / 10));
  out.push_back(static_cast<char>('0' + centavos % 10));
  return out;
}

Result<Cents> parse_brl(std::string_view text, std::string_view field) {
  Cursor in(text);
  in.skip_spaces();
  bool negative = in.consume("-");
  if (in.consume("R$")) {
    in.skip_spaces();
    if (!negative) negative = in.consume("-");
  }
  WideUnsigned reais = 0;
  WideUnsigned centavos = 0;
  const bool well_formed = parse_reais(in, reais) && parse_centavos(in, centavos);
  in.skip_spaces();
  if (!well_formed || !in.done()) {
    return Error::invalid(std::string(field), "amount must be written like 1.234,56 (at most two decimals)");
  }
  const WideUnsigned magnitude = reais * cents_per_real + centavos;
  // A negative amount may reach 2^63 centavos (INT64_MIN), a positive one only 2^63 - 1.
  const WideUnsigned limit = WideUnsigned{1} << 63;
  if (magnitude > limit || (!negative && magnitude == limit)) {
    return Error::invalid(std::string(field), "amount is too large");
  }
  const Wide signed_magnitude = static_cast<Wide>(magnitude);
  return static_cast<Cents>(negative ? -signed_magnitude : signed_magnitude);
}

std::optional<Cents> checked_add(Cents a, Cents b) {
  Cents sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) return std::nullopt;
  return sum;
}

std::optional<Cents> checked_sub(Cents a, Cents b) {
  Cents difference = 0;
  if (__builtin_sub_overflow(a, b, &difference)) return std::nullopt;
  return difference;
}

std::optional<Cents> checked_multiply(Cents amount, std::int64_t factor) {
  Cents product = 0;
  if (__builtin_mul_overflow(amount, factor, &product)) return std::nullopt;
  return product;
}

std::optional<Cents> checked_apply_basis_points(Cents amount, std::int64_t bps, Rounding rounding) {
  // |amount × bps| ≤ 2^126, which fits in a signed 128-bit integer.
  const Wide product = static_cast<Wide>(amount) * bps;
  Wide quotient = product / basis_points_per_unit;  // truncates toward zero
  const Wide remainder = product % basis_points_per_unit;
  const Wide twice_remainder = (remainder < 0 ? -remainder : remainder) * 2;
  const bool tie = twice_remainder == basis_points_per_unit;
  const bool away_from_zero =
      twice_remainder > basis_points_per_unit ||
      (tie && (rounding == Rounding::half_up || quotient % 2 != 0));
  if (away_from_zero) quotient += product < 0 ? -1 : 1;
  if (quotient > std::numeric_limits<Cents>::max() || quotient < std::numeric_limits<Cents>::min()) {
    return std::nullopt;
  }
  return static_cast<Cents>(quotient);
}

Cents apply_basis_points(Cents amount, std::int64_t bps, Rounding rounding) {
  if (const std::optional<Cents> result = checked_apply_basis_points(amount, bps, rounding)) return *result;
  // Overflow implies neither operand is zero, so the sign of the true result is well defined.
  const bool negative = (amount < 0) != (bps < 0);
  return negative ? std::numeric_limits<Cents>::min() : std::numeric_limits<Cents>::max();
}

}  // namespace rg
