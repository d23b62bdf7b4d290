#include "banking/accounts/model.hpp"

#include <array>

namespace rg::accounts {

namespace {
constexpr std::array<std::pair<Kind, const char*>, 4> kinds{
    {{Kind::main, "main"}, {Kind::escrow, "escrow"}, {Kind::loan, "loan"}, {Kind::wallet, "wallet"}}};
constexpr std::array<std::pair<AccountStatus, const char*>, 3> statuses{
    {{AccountStatus::active, "active"}, {AccountStatus::suspended, "suspended"}, {AccountStatus::cancelled, "cancelled"}}};
}  // namespace

const char* kind_name(Kind k) {
  for (const auto& [value, name] : kinds) {
    if (value == k) return name;
  }
  return "main";
}

std::optional<Kind> parse_kind(std::string_view s) {
  for (const auto& [value, name] : kinds) {
    if (s == name) return value;
  }
  return std::nullopt;
}

const char* status_name(AccountStatus s) {
  for (const auto& [value, name] : statuses) {
    if (value == s) return name;
  }
  return "active";
}

std::optional<AccountStatus> parse_status(std::string_view s) {
  for (const auto& [value, name] : statuses) {
    if (s == name) return value;
  }
  return std::nullopt;
}

std::string check_digit_of(std::string_view number) {
  int sum = 0;
  int weight = 2;
  for (auto it = number.rbegin(); it != number.rend(); ++it) {
    sum += (*it - '0') * weight;
    weight = weight == 9 ? 2 : weight + 1;
  }
  const int digit = 11 - sum % 11;
  return std::to_string(digit >= 10 ? 0 : digit);
}

}  // namespace rg::accounts
