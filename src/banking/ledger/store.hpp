#pragma once
// SQL for ledger_accounts and ledger_transfers (portable, $1..$n). Batches are read and written
// with multi-row statements (db/bulk.hpp).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "banking/ledger/model.hpp"
#include "db/database.hpp"

namespace rg::ledger::store {

void insert_account(db::Transaction& tx, const Account& a);
std::optional<Account> find_account(db::Transaction& tx, Id tenant_id, Id id, bool lock = false);
// Accounts among `ids` (sorted ascending), locked in id order on PostgreSQL.
std::vector<Account> lock_accounts(db::Transaction& tx, Id tenant_id, const std::vector<Id>& ids);
// Writes the four totals of each account.
void update_totals(db::Transaction& tx, Id tenant_id, const std::vector<const Account*>& accounts);
void update_settings(db::Transaction& tx, const Account& a);  // flags, overdraft, description

std::vector<Transfer> transfers_by_client(db::Transaction& tx, Id tenant_id, const std::vector<std::string>& client_ids);
std::optional<Transfer> find_transfer(db::Transaction& tx, Id tenant_id, Id id);
void insert_transfers(db::Transaction& tx, const std::vector<Transfer>& transfers);
void set_states(db::Transaction& tx, Id tenant_id, const std::vector<std::pair<Id, TransferState>>& states);

// The transfers of one account, newest first (the statement): filters and keyset page.
struct StatementFilter {
  Id account_id = 0;
  std::optional<std::int64_t> from_us;  // created_at ≥
  std::optional<std::int64_t> to_us;    // created_at <
  std::vector<std::string> codes;
  std::optional<Id> before_id;  // keyset cursor
  int limit = 50;
};
std::vector<Transfer> statement(db::Transaction& tx, Id tenant_id, const StatementFilter& f);

// Open pending transfers whose time ran out (oldest first, at most `limit`), locked.
std::vector<Transfer> expired_pending(db::Transaction& tx, std::int64_t now_us, int limit);

// Every posted and open pending amount per account, recomputed from the transfers (resync).
struct Totals {
  std::int64_t debits_pending = 0, debits_posted = 0, credits_pending = 0, credits_posted = 0;
};
Totals totals_from_transfers(db::Transaction& tx, Id tenant_id, Id account_id);

}  // namespace rg::ledger::store
