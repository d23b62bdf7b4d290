#pragma once
// The ledger (TRX-01): accounts and transfers with TigerBeetle's semantics on either database.
//
// Two ways in:
// - apply(tx, …) inside a business module's transaction (a P2P transfer with its tariff, a
//   status change with its residual move): the transfers commit or roll back with the rest.
// - submit(…) for integrations posting batches: with the committer running (serve/worker) the
//   requests waiting at the same moment are applied in one database transaction (group commit),
//   each request's transfers still on their own; without it, one transaction per call.
// Every batch locks its accounts in id order (FOR UPDATE on PostgreSQL; SQLite has one writer),
// reads the transfers its client ids name, applies the rules in memory (engine.hpp) and writes
// the new transfers, the resolved pendings and the new totals with multi-row statements.
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "banking/ledger/engine.hpp"
#include "banking/ledger/model.hpp"
#include "banking/ledger/store.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "db/database.hpp"

namespace rg::jobs {
class JobQueue;
}

namespace rg::ledger {

inline constexpr const char* expire_job_kind = "ledger.expire_pending";
inline constexpr std::int64_t expire_period_ms = 5000;

class LedgerService {
 public:
  LedgerService(db::Database& db, const Clock& clock, IdGenerator& ids);
  ~LedgerService();

  void register_jobs(jobs::JobQueue& jobs);
  db::Database& database() { return db_; }

  // Accounts.
  Account open_account(db::Transaction& tx, Id tenant_id, const AccountInput& input);
  std::optional<Account> account(Id tenant_id, Id id);
  std::optional<Account> account(db::Transaction& tx, Id tenant_id, Id id, bool lock = false);
  // Flags and overdraft (e.g. a plan change, closing); not a balance change.
  Result<Account> configure(db::Transaction& tx, Id tenant_id, Id id, std::uint32_t flags, std::int64_t overdraft_limit);

  // What apply() reads of the client ids before applying: every one, or (a submit's first
  // attempt) only the pending transfers posts and voids name — the batch's own ids are assumed
  // new, and the unique index refuses any that is not, so the submit runs again reading all.
  enum class ClientLookup { all, pending_only };
  // Transfers in the caller's transaction. Inputs must pass check_input (std::invalid_argument
  // otherwise). `segment_ends` cuts the batch into independent parts (default: one).
  std::vector<TransferOutcome> apply(db::Transaction& tx, Id tenant_id, std::span<const TransferInput> inputs,
                                     std::span<const std::size_t> segment_ends = {});
  // A batch of up to batch_transfers_max in its own transaction (or the committer's): an input
  // breaking a shape rule fails the whole request with 400 naming "transfers[i].field".
  Result<std::vector<TransferOutcome>> submit(Id tenant_id, std::vector<TransferInput> inputs);

  std::optional<Transfer> transfer(Id tenant_id, Id id);
  std::optional<Transfer> transfer_by_client_id(Id tenant_id, const std::string& client_id);
  std::vector<Transfer> statement(Id tenant_id, const store::StatementFilter& filter);

  // Voids pending transfers whose timeout passed (state expired); returns how many.
  int expire_pending(int limit = 500);

  // Recomputes the account's totals from its transfers.
  struct Divergence {
    Account stored;
    store::Totals computed;
    bool diverges() const;
  };
  // `lock`: hold the account's row (a repair follows); reads for display pass false.
  std::optional<Divergence> check_totals(db::Transaction& tx, Id tenant_id, Id account_id, bool lock = true);

  // Group commit: one thread applying the submits waiting at that moment in one transaction;
  // requests arriving while a group commits form the next, larger group. (Four committers on
  // PostgreSQL measured slower once groups stopped reading their own client ids: they split
  // into four small groups what one gathers into one.)
  void start_committer();
  void stop_committer();

 private:
  struct Request {
    Id tenant_id;
    std::vector<TransferInput> inputs;
    std::promise<std::vector<TransferOutcome>> done;
  };
  std::vector<TransferOutcome> apply_batch_in(db::Transaction& tx, Id tenant_id, std::span<const TransferInput> inputs,
                                              std::span<const std::size_t> segment_ends, ClientLookup lookup);
  std::vector<TransferOutcome> run_alone(Id tenant_id, std::span<const TransferInput> inputs);
  void commit_loop();
  void commit_group(std::vector<Request*>& group);

  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Request*> queue_;
  bool running_ = false;
  std::thread committer_;
};

}  // namespace rg::ledger
