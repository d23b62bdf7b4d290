#pragma once
// Digital accounts (ACC-06, ACC-07, ACC-10, ACC-12, ACC-16): plain types, no I/O. An account is
// the customer-facing side of a ledger account with the same id.
#include <optional>
#include <string>
#include <string_view>

#include "banking/ledger/model.hpp"
#include "core/ids.hpp"

namespace rg::accounts {

enum class Kind { main, escrow, loan, wallet };
enum class AccountStatus { active, suspended, cancelled };
const char* kind_name(Kind k);
std::optional<Kind> parse_kind(std::string_view s);
const char* status_name(AccountStatus s);
std::optional<AccountStatus> parse_status(std::string_view s);

struct Account {
  Id tenant_id = 0;
  Id id = 0;  // also the ledger account's id
  Id customer_id = 0;
  Kind kind = Kind::main;
  std::optional<Id> parent_id;  // sub-accounts: the main account
  std::string branch;           // "0001"
  std::string number;           // 8 digits
  std::string check_digit;      // mod 11 of the number
  AccountStatus status = AccountStatus::active;
  std::string status_reason;
  std::optional<Id> plan_id;
  int night_start_minutes = 20 * 60;  // ACC-16: night limits from 20:00 São Paulo
  std::string description;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
  std::optional<std::int64_t> cancelled_at_us;
};

// An account with its balances, as screens and the API show it.
struct AccountView {
  Account account;
  ledger::Account ledger;
  std::string holder_name;
  std::string holder_document;
};

struct ListFilter {
  std::optional<Id> customer_id = {};
  std::optional<AccountStatus> status = {};
  std::optional<Kind> kind = {};
  std::optional<Id> parent_id = {};
  std::optional<std::string> number = {};  // exact, without the check digit
  std::optional<Id> before_id = {};
  int limit = 50;
};

// The tenant's own ledger accounts.
inline constexpr const char* purpose_funding = "funding";
inline constexpr const char* purpose_revenue = "revenue";
inline constexpr const char* purpose_correction = "correction";

inline constexpr const char* default_branch = "0001";
inline constexpr std::int64_t first_account_number = 10000001;
inline constexpr std::size_t reason_length_max = 500;

// Check digit of an account number: weights 2..9 from the right, mod 11; 10 → "X"? Banks vary;
// here 11 - (sum mod 11), with 10 and 11 mapping to "0".
std::string check_digit_of(std::string_view number);

}  // namespace rg::accounts
