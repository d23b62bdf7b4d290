#pragma once
// The ledger's plain types (TRX-01, DESIGN.md §7): accounts with posted and pending debits and
// credits, immutable transfers with client ids, two-phase transfers, linked chains. No I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"

namespace rg::ledger {

namespace account_flags {
inline constexpr std::uint32_t debits_must_not_exceed_credits = 1;  // customer money
inline constexpr std::uint32_t credits_must_not_exceed_debits = 2;
inline constexpr std::uint32_t closed = 4;  // no new transfers; open pendings may still be posted or voided
inline constexpr std::uint32_t all = 7;
}  // namespace account_flags

namespace transfer_flags {
inline constexpr std::uint32_t linked = 1;            // succeeds or fails together with the next transfer
inline constexpr std::uint32_t pending = 2;           // reserves the amount until posted, voided or expired
inline constexpr std::uint32_t post_pending = 4;      // posts `pending_client_id` (amount ≤ pending; 0 = all)
inline constexpr std::uint32_t void_pending = 8;      // voids `pending_client_id`
inline constexpr std::uint32_t balancing_debit = 16;  // amount = min(amount, debit account's available); 0 = all
inline constexpr std::uint32_t all = 31;
}  // namespace transfer_flags

struct Account {
  Id tenant_id = 0;
  Id id = 0;
  std::string code;  // what the account is: "customer", "revenue", "funding", …
  std::uint32_t flags = 0;
  std::int64_t overdraft_limit = 0;  // debits may exceed credits by this much (plan's overdraft)
  std::int64_t debits_pending = 0;
  std::int64_t debits_posted = 0;
  std::int64_t credits_pending = 0;
  std::int64_t credits_posted = 0;
  std::string description;
  std::int64_t created_at_us = 0;
  Id last_transfer_id = 0;  // the newest transfer on either side; 0 = none (head of the history chain)

  // Posted balance seen from the account holder's side (credits - debits).
  std::int64_t balance() const { return credits_posted - debits_posted; }
  // What a debit may still take: posted balance minus reserved debits plus the overdraft.
  std::int64_t available() const { return credits_posted - debits_posted - debits_pending + overdraft_limit; }
  bool has(std::uint32_t flag) const { return (flags & flag) != 0; }
};

struct AccountInput {
  std::string code;
  std::uint32_t flags = 0;
  std::int64_t overdraft_limit = 0;
  std::string description;
};

enum class TransferState { posted, pending, voided, expired };
const char* state_name(TransferState s);
std::optional<TransferState> parse_state(std::string_view s);

// One transfer as a client sends it.
struct TransferInput {
  std::string client_id;  // idempotency key, 1..64 of [A-Za-z0-9._:-]
  Id debit_account_id = 0;   // 0 on post/void: taken from the pending transfer
  Id credit_account_id = 0;
  std::int64_t amount = 0;
  std::string pending_client_id;  // post/void: the pending transfer's client id
  std::uint32_t flags = 0;
  std::int64_t timeout_s = 0;  // pending: expires after this many seconds (0 = never)
  std::string code;            // kind: "p2p", "tariff", "funding", … (statement filter)
  std::string description;
};

struct Transfer {
  Id tenant_id = 0;
  Id id = 0;
  std::string client_id;
  Id debit_account_id = 0;
  Id credit_account_id = 0;
  std::int64_t amount = 0;
  std::optional<Id> pending_id;
  std::uint32_t flags = 0;
  std::string code;
  TransferState state = TransferState::posted;
  std::optional<std::int64_t> expires_at_us;
  std::int64_t debit_balance = 0;   // debit account's posted balance after this transfer
  std::int64_t credit_balance = 0;  // credit account's
  std::string description;
  std::int64_t created_at_us = 0;
  // Each account's history is a chain through its transfers, newest first: the debit account's
  // previous transfer (on either side) and the credit account's; 0 = the account's first. The
  // statement walks it from Account::last_transfer_id, so writing a transfer adds no index entry
  // per account (DESIGN.md §7).
  Id debit_prev_id = 0;
  Id credit_prev_id = 0;

  bool has(std::uint32_t flag) const { return (flags & flag) != 0; }
  // The previous transfer in `account_id`'s chain (0 if none or not this transfer's account).
  Id prev_for(Id account_id) const {
    return account_id == debit_account_id ? debit_prev_id : account_id == credit_account_id ? credit_prev_id : 0;
  }
};

// Appends a new transfer `t` (with its id) to both accounts' history chains.
inline void chain_transfer(Transfer& t, Account& debit, Account& credit) {
  t.debit_prev_id = debit.last_transfer_id;
  t.credit_prev_id = credit.last_transfer_id;
  debit.last_transfer_id = t.id;
  credit.last_transfer_id = t.id;
}

// Outcome of one transfer of a batch (TigerBeetle's result codes, in words).
enum class TransferResult {
  created,
  exists,                           // same client id, same fields: the original is answered
  exists_with_different_fields,     // same client id, other fields
  linked_event_failed,              // another member of its linked chain failed
  linked_event_chain_open,          // the batch ended inside a linked chain
  debit_account_not_found,
  credit_account_not_found,
  accounts_must_be_different,
  amount_must_not_be_zero,
  exceeds_credits,                  // insufficient funds (beyond the overdraft)
  exceeds_debits,
  debit_account_closed,
  credit_account_closed,
  pending_transfer_not_found,
  pending_transfer_not_pending,     // it is a single-phase transfer or a post/void itself
  pending_transfer_already_posted,
  pending_transfer_already_voided,
  pending_transfer_expired,
  pending_transfer_has_different_accounts,
  exceeds_pending_transfer_amount,
  overflows,                        // a running total would pass the 64-bit range
};
const char* result_name(TransferResult r);
// A result that leaves the transfer in the ledger (created or already there).
inline bool succeeded(TransferResult r) { return r == TransferResult::created || r == TransferResult::exists; }

struct TransferOutcome {
  TransferResult result = TransferResult::created;
  std::optional<Transfer> transfer;  // created or the existing original
};

// Field limits.
inline constexpr std::size_t client_id_length_max = 64;
inline constexpr std::size_t code_length_max = 32;
inline constexpr std::size_t description_length_max = 140;
inline constexpr std::size_t batch_transfers_max = 8190;
inline constexpr std::int64_t pending_timeout_s_max = 400LL * 24 * 3600;

}  // namespace rg::ledger
