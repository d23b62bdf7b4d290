#pragma once
// P2P transfers (TRX-02): plain types, no I/O.
#include <optional>
#include <string>
#include <string_view>

#include "core/calendar.hpp"
#include "core/ids.hpp"

namespace rg::transfers {

enum class TransferStatus { scheduled, completed, failed, cancelled };
const char* status_name(TransferStatus s);
std::optional<TransferStatus> parse_status(std::string_view s);

struct P2PTransfer {
  Id tenant_id = 0;
  Id id = 0;
  std::string client_id;  // idempotency key (the caller's, or generated)
  Id from_account_id = 0;
  Id to_account_id = 0;
  std::int64_t amount = 0;
  std::string description;
  TransferStatus status = TransferStatus::scheduled;
  std::optional<Date> scheduled_for;  // the date asked for
  std::optional<Date> execute_on;     // the business day it runs on
  std::optional<Id> ledger_transfer_id;
  std::int64_t tariff_amount = 0;
  std::optional<std::string> failure_code;  // e.g. "insufficient_funds", "limit_exceeded"
  std::optional<std::string> failure_reason;
  int attempts = 0;
  std::optional<Id> reversal_of;  // a chargeback (estorno) of another transfer
  std::int64_t reversed_amount = 0;  // of this transfer, by its completed chargebacks
  std::optional<Id> created_by;
  std::string created_by_name;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
  std::optional<std::int64_t> completed_at_us;
};

struct TransferInput {
  std::string client_id;  // optional; generated when empty
  Id from_account_id = 0;
  Id to_account_id = 0;
  std::int64_t amount = 0;
  std::string description;
  std::optional<Date> scheduled_for;  // absent or today: now
};

struct ListFilter {
  std::optional<Id> account_id = {};  // either side
  std::optional<TransferStatus> status = {};
  std::optional<Id> reversal_of = {};  // the chargebacks of this transfer
  std::optional<std::int64_t> from_us = {};
  std::optional<std::int64_t> to_us = {};
  std::optional<Id> before_id = {};
  int limit = 50;
};

inline constexpr std::size_t description_length_max = 140;
inline constexpr std::size_t chargeback_reason_length_max = 500;
inline constexpr std::int64_t amount_max = 1'000'000'000'00LL;  // R$ 1 bilhão
inline constexpr int schedule_days_max = 366;

}  // namespace rg::transfers
