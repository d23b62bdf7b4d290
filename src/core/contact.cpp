#include "core/contact.hpp"

#include <algorithm>
#include <array>

namespace rg {

namespace {

// The area codes ANATEL assigned (2-digit DDDs); the others (e.g. 20, 23, 25, 26, 29, 30, 36,
// 39, 40, 50, 52, 56–60, 70, 72, 76, 78, 80, 90) do not exist.
constexpr std::array<int, 67> area_codes{11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33,
                                         34, 35, 37, 38, 41, 42, 43, 44, 45, 46, 47, 48, 49, 51, 53, 54, 55,
                                         61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82,
                                         83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99};

}  // namespace

bool plausible_email(std::string_view e) {
  const auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos || e.size() > 254) {
    return false;
  }
  const auto dot = e.find('.', at);
  if (dot == std::string_view::npos || dot == at + 1 || e.back() == '.') return false;
  return std::none_of(e.begin(), e.end(), [](unsigned char c) { return c <= ' ' || c == ',' || c == ';'; });
}

std::optional<std::string> normalize_br_phone(std::string_view input, bool mobile_only) {
  std::string digits;
  bool plus = false;
  for (const char c : input) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c != ' ' && c != '(' && c != ')' && c != '-' && c != '.') {
      return std::nullopt;
    }
  }
  if (plus || digits.size() == 12 || digits.size() == 13) {
    if (!digits.starts_with("55")) return std::nullopt;
    digits.erase(0, 2);
  }
  if (digits.size() != 10 && digits.size() != 11) return std::nullopt;
  const int ddd = (digits[0] - '0') * 10 + (digits[1] - '0');
  if (std::find(area_codes.begin(), area_codes.end(), ddd) == area_codes.end()) return std::nullopt;
  const bool mobile = digits.size() == 11 && digits[2] == '9';
  if (digits.size() == 11 && !mobile) return std::nullopt;  // 9-digit numbers are mobile ones
  if (digits.size() == 10 && (digits[2] < '2' || digits[2] > '5')) return std::nullopt;  // landlines start 2–5
  if (mobile_only && !mobile) return std::nullopt;
  return "+55" + digits;
}

}  // namespace rg
