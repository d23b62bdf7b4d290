#pragma once
// Tariff charges (TRX-06): plain types, no I/O. A charge is what an account owes for one tariff
// on one source (an operation, or the month of a monthly fee); it is collected by a ledger
// transfer into the tenant's revenue account, at once or later when the balance allows, or waived.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"

namespace rg::billing {

enum class ChargeStatus { pending, collected, waived };
const char* status_name(ChargeStatus s);
std::optional<ChargeStatus> parse_status(std::string_view s);

// What a tariff asks for one operation (quoted by the plans module, wired in main.cpp).
struct TariffDue {
  std::int64_t amount = 0;  // centavos; 0 = nothing to charge
  std::string description;
  std::optional<Id> tariff_id;
  std::optional<Id> plan_id;
  std::string operation;  // "p2p", "monthly_fee", …
};

inline constexpr const char* source_transfer = "transfer";        // source_id: the P2P transfer's id
inline constexpr const char* source_monthly_fee = "monthly_fee";  // source_id: "YYYY-MM"
inline constexpr const char* ledger_code_tariff = "tariff";       // the statement's code

struct Charge {
  Id tenant_id = 0;
  Id id = 0;
  Id account_id = 0;
  std::optional<Id> plan_id;
  std::optional<Id> tariff_id;
  std::string operation;
  std::string description;
  std::int64_t amount = 0;
  ChargeStatus status = ChargeStatus::pending;
  std::string source_type;
  std::string source_id;
  std::optional<Id> ledger_transfer_id;
  int attempts = 0;
  std::optional<std::int64_t> last_attempt_at_us;
  std::int64_t created_at_us = 0;
  std::optional<std::int64_t> collected_at_us;
  std::optional<std::string> collected_on;  // São Paulo date of the collection (revenue by month)
  std::optional<std::int64_t> waived_at_us;
  std::optional<std::string> waived_by_name;
  std::optional<std::string> waive_reason;
};

struct ListFilter {
  std::optional<ChargeStatus> status = {};
  std::optional<Id> account_id = {};
  std::optional<std::string> operation = {};
  std::optional<std::int64_t> from_us = {};  // created
  std::optional<std::int64_t> to_us = {};
  std::optional<Id> before_id = {};
  int limit = 50;
};

// Revenue center: collected charges grouped by tariff, operation or month.
enum class RevenueGroup { tariff, operation, month };
struct RevenueRow {
  std::string key;  // tariff id, operation code or "YYYY-MM"
  std::string label;
  std::string operation;  // when grouped by tariff or operation
  std::optional<Id> tariff_id;
  std::optional<Id> plan_id;
  std::string plan_name;
  std::int64_t count = 0;
  std::int64_t amount = 0;
};
struct Totals {
  std::int64_t count = 0;
  std::int64_t amount = 0;
};
struct Revenue {
  std::vector<RevenueRow> rows;
  Totals total;    // collected in the period
  Totals pending;  // owed now (any period)
};

inline constexpr std::size_t waive_reason_length_max = 500;

}  // namespace rg::billing
