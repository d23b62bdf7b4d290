#pragma once
// Plans (ACC-03) and their tariffs (TRX-06): plain types and the pure tariff rule. No I/O.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "banking/limits/model.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"

namespace rg::banking::plans {

inline constexpr const char* record_type_plan = "plan";

// A service basket offered to accounts. Exactly one live plan per tenant is the default (the
// plan new accounts get); the default is always active.
struct Plan {
  std::int64_t tenant_id = 0;
  Id id = 0;
  std::string name;  // unique per tenant among live plans, case-insensitive
  std::string description;
  bool active = true;
  bool is_default = false;
  Cents overdraft_limit = 0;  // 0 = no overdraft; the ledger applies it
  Cents monthly_fee = 0;      // the reference shown to customers; what is charged is the monthly_fee tariff
  std::map<std::string, std::string> parameters;  // small key/value settings of the plan
  std::vector<std::string> card_product_ids;      // "Gerenciar IDs de Cartão", sorted
  std::int64_t tariff_count = 0;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
};

// What create/update accept; absent fields stay unchanged on update.
struct PlanInput {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<bool> active;
  std::optional<bool> is_default;
  std::optional<Cents> overdraft_limit;
  std::optional<Cents> monthly_fee;
  std::optional<std::map<std::string, std::string>> parameters;  // replaces all parameters
  std::optional<std::vector<std::string>> card_product_ids;      // create only
};

struct PlanFilter {
  std::optional<bool> active;
  std::optional<std::string> text;  // part of the name, case-insensitive
  std::optional<Id> tag_id;
  std::optional<Id> after_id;  // keyset cursor (ascending ids)
  int limit = 50;
};

enum class TariffKind { fixed, percentage };
const char* kind_name(TariffKind kind);
std::optional<TariffKind> kind_from(std::string_view text);

struct Tariff {
  std::int64_t tenant_id = 0;
  Id id = 0;
  Id plan_id = 0;
  std::string plan_name;  // read with the tariff
  std::string operation;  // a transaction type, monthly_fee or account_opening
  TariffKind kind = TariffKind::fixed;
  Cents fixed_amount = 0;     // kind fixed
  std::int64_t rate_bps = 0;  // kind percentage: basis points of the amount (1 bps = 0,01 %)
  std::optional<Cents> min_amount;
  std::optional<Cents> max_amount;
  int free_quota = 0;  // the first N operations of the calendar month are free
  bool active = true;
  std::string description;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
};

struct TariffInput {
  std::optional<Id> plan_id;             // create only
  std::optional<std::string> operation;  // create only
  std::optional<TariffKind> kind;
  std::optional<Cents> fixed_amount;
  std::optional<std::int64_t> rate_bps;
  std::optional<std::optional<Cents>> min_amount;  // outer set = given; inner empty = none
  std::optional<std::optional<Cents>> max_amount;
  std::optional<int> free_quota;
  std::optional<bool> active;
  std::optional<std::string> description;
};

struct TariffFilter {
  std::optional<Id> plan_id;
  std::optional<std::string> operation;
  std::optional<bool> active;
  std::optional<Id> after_id;
  int limit = 50;
};

// The operations a tariff can be set on: every transaction type plus these two.
inline constexpr std::string_view operation_monthly_fee = "monthly_fee";
inline constexpr std::string_view operation_account_opening = "account_opening";
struct Operation {
  std::string_view code;
  std::string_view label_pt;
  std::string_view label_en;
  bool has_amount;  // false for monthly_fee and account_opening: only fixed tariffs make sense
};
std::vector<Operation> operations();
const Operation* find_operation(std::string_view code);

// What to charge for one operation, and why.
struct TariffQuote {
  Cents amount = 0;
  // "inactive" (tariff switched off), "free_quota" (within the month's free operations), "fixed",
  // "rate" (basis points of the amount), "minimum" or "maximum" (the computed value was clamped).
  std::string reason;
  Cents computed = 0;  // before min/max (0 when inactive or free)
};

// used_this_month = operations of this tariff's type the account already made in the current
// calendar month, before this one: with free_quota 4 the operations with used_this_month 0..3
// are free and the fifth (4) is charged. A percentage is amount × rate_bps / 10 000 rounded half
// up to the centavo (0,5 centavo → 1 centavo; core/money.hpp apply_basis_points). Then the
// minimum applies (also to a zero amount: a charged operation costs at least the minimum), then
// the maximum. `amount` ≥ 0.
TariffQuote quote(const Tariff& tariff, Cents amount, int used_this_month);

// The São Paulo calendar month holding `utc_us`, [first day 00:00, next month's first day
// 00:00): the caller counts an account's operations in it for quote()'s used_this_month.
limits::Window month_window(std::int64_t utc_us);

inline constexpr std::size_t plan_name_chars_max = 80;
inline constexpr std::size_t plan_description_chars_max = 500;
inline constexpr std::size_t plan_parameters_max = 30;
inline constexpr std::size_t parameter_key_chars_max = 60;
inline constexpr std::size_t parameter_value_chars_max = 500;
inline constexpr std::size_t card_products_per_plan_max = 50;
inline constexpr std::size_t card_product_id_chars_max = 64;
inline constexpr std::size_t tariff_description_chars_max = 200;
inline constexpr int free_quota_max = 10'000;
inline constexpr Cents plan_amount_max = 1'000'000'000'000;  // R$ 10 bilhões

}  // namespace rg::banking::plans
