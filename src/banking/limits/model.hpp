#pragma once
// Limits (TRX-05) and cash-out levels (ACC-14): plain types and the pure rules the transfers
// service applies inside its own transaction. No I/O.
//
// How a day and a night are counted (all times are São Paulo wall-clock time, America/Sao_Paulo,
// a fixed UTC-3 since 2019):
// - The night period runs from the account's night start (ACC-16, default 20:00) until 06:00 of
//   the next calendar day; the day period runs from 06:00 until the night start. A night spans
//   midnight: the night starting 20:00 on the 1st ends at 06:00 on the 2nd, so 23:00 on the 1st
//   and 01:00 on the 2nd are the same night. Boundaries are half-open: 19:59:59 is day and
//   20:00:00 is night; 05:59:59 is night and 06:00:00 is day.
// - In the day period a transfer is checked against day_per_transaction; in the night period
//   against night_per_transaction.
// - day_per_day caps the total of the São Paulo calendar day (00:00 to 24:00), night-time
//   transfers of that day included, and is checked for every transfer: the daily limit is the
//   most a customer can move in a calendar day.
// - night_per_day caps the total of the current night (night start to 06:00, across midnight)
//   and is checked only for night-time transfers: the night value is a reduction on top of the
//   daily one (e.g. the BCB's R$ 1.000,00 Pix night limit).
// - A total "fits" when spent + amount <= limit: exactly at the limit is allowed, one centavo
//   above is refused.
// - A value that is not set means no limit for that value.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "core/money.hpp"

namespace rg::banking::limits {

// The four values of a limit rule or a cash-out level, in centavos; nothing = no limit (in an
// account override: inherit the base value).
struct LimitValues {
  std::optional<Cents> day_per_transaction;
  std::optional<Cents> day_per_day;
  std::optional<Cents> night_per_transaction;
  std::optional<Cents> night_per_day;
};

// The field names, as the API and refusals name them.
inline constexpr std::string_view field_day_per_transaction = "day_per_transaction";
inline constexpr std::string_view field_day_per_day = "day_per_day";
inline constexpr std::string_view field_night_per_transaction = "night_per_transaction";
inline constexpr std::string_view field_night_per_day = "night_per_day";

// Scope of a rule: account_id 0 is the tenant's whole base.
inline constexpr Id base_scope = 0;

struct LimitRule {
  std::int64_t tenant_id = 0;
  Id id = 0;
  Id account_id = base_scope;
  std::string transaction_type;
  LimitValues values;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
};

struct CashOutLevel {
  std::int64_t tenant_id = 0;
  Id id = 0;
  int level = 0;  // 1..cash_out_levels_max, unique per tenant
  std::string name;
  LimitValues values;
  std::int64_t accounts = 0;  // accounts assigned to it
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
};

// What create/update of a level accept; absent fields stay unchanged on update. The limit
// values are always given whole (null = no limit).
struct CashOutLevelInput {
  std::optional<int> level;
  std::optional<std::string> name;
  std::optional<LimitValues> values;
};

// Where an effective value comes from.
enum class Origin { none, base, account, cash_out_level };
const char* origin_name(Origin origin);

struct EffectiveValue {
  std::optional<Cents> value;
  Origin origin = Origin::none;
};

// The limits that apply to one account and one transaction type.
struct EffectiveLimits {
  std::string transaction_type;
  EffectiveValue day_per_transaction;
  EffectiveValue day_per_day;
  EffectiveValue night_per_transaction;
  EffectiveValue night_per_day;
};

// Field by field: the account's value when set, else the base's; for a cash-out type, then the
// lower of that and the account's cash-out level (a level value wins only when it is lower or
// the rules set none). Any of the three may be absent.
EffectiveLimits effective_limits(std::string_view transaction_type, const std::optional<LimitValues>& base,
                                 const std::optional<LimitValues>& account,
                                 const std::optional<LimitValues>& cash_out_level);

// Wall-clock time of day in São Paulo, 0 ≤ seconds < 86 400.
struct LocalTime {
  int seconds = 0;
  static LocalTime hms(int h, int m, int s = 0) { return LocalTime{h * 3600 + m * 60 + s}; }
};
LocalTime sao_paulo_time_of(std::int64_t utc_us);

inline constexpr std::chrono::minutes default_night_start{20 * 60};
inline constexpr std::chrono::minutes day_start{6 * 60};
// A night start must leave a day period: strictly after 06:00, at most 23:59.
bool valid_night_start(std::chrono::minutes night_start);

enum class Period { day, night };
Period period_at(LocalTime at, std::chrono::minutes night_start);

struct LimitDecision {
  bool allowed = true;
  std::string value;    // refused: which value, e.g. "night_per_transaction"
  Cents limit = 0;      // refused: that value
  Cents remaining = 0;  // refused: what could still be moved under it (≥ 0)
};

// The rules above. spent_today is the total of this type already moved in the current São Paulo
// calendar day, spent_this_night the total of the current night (0 in the day period); both are
// computed by the caller over windows_at()'s windows. `amount` must be positive.
LimitDecision check(const EffectiveLimits& limits, Cents amount, LocalTime at, std::chrono::minutes night_start,
                    Cents spent_today, Cents spent_this_night);

// Half-open [start_us, end_us) in UTC microseconds.
struct Window {
  std::int64_t start_us = 0;
  std::int64_t end_us = 0;
};
struct Windows {
  Period period = Period::day;
  Window calendar_day;   // the São Paulo calendar day of the instant: sum it for spent_today
  Window period_window;  // the day period or the night (across midnight) holding the instant:
                         // sum it for spent_this_night when period is night
};
Windows windows_at(std::int64_t utc_us, std::chrono::minutes night_start);

inline constexpr int cash_out_levels_max = 20;
inline constexpr std::size_t level_name_chars_max = 60;

}  // namespace rg::banking::limits
