#include "banking/ledger/service.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/log.hpp"
#include "platform/jobs/service.hpp"

namespace rg::ledger {

namespace {

// A group commit takes the requests waiting at that moment, up to this many transfers (a lone
// request larger than this still goes in whole).
constexpr std::size_t group_transfers_max = 2 * batch_transfers_max;
// A submit's first attempt assumes its client ids are new; a unique violation (a replayed id,
// or two writers inserting the same new id) runs it again reading every id, and it answers
// "exists".
constexpr int unique_retries_max = 3;

template <typename F>
auto with_unique_retry(F&& fn) {
  for (int attempt = 1;; ++attempt) {
    try {
      return fn(attempt == 1 ? LedgerService::ClientLookup::pending_only : LedgerService::ClientLookup::all);
    } catch (const db::DbError& e) {
      if (e.kind() != db::DbError::Kind::unique_violation || attempt >= unique_retries_max) throw;
    }
  }
}

}  // namespace

bool LedgerService::Divergence::diverges() const {
  return stored.debits_pending != computed.debits_pending || stored.debits_posted != computed.debits_posted ||
         stored.credits_pending != computed.credits_pending || stored.credits_posted != computed.credits_posted;
}

LedgerService::LedgerService(db::Database& db, const Clock& clock, IdGenerator& ids)
    : db_(db), clock_(clock), ids_(ids) {}

LedgerService::~LedgerService() { stop_committer(); }

void LedgerService::register_jobs(jobs::JobQueue& jobs) {
  jobs.register_periodic(expire_job_kind, expire_period_ms, [this](const jobs::Job&) -> Status {
    while (expire_pending() > 0) {
    }
    return {};
  });
}

Account LedgerService::open_account(db::Transaction& tx, Id tenant_id, const AccountInput& input) {
  Account a;
  a.tenant_id = tenant_id;
  a.id = ids_.next();
  a.code = input.code;
  a.flags = input.flags & account_flags::all;
  a.overdraft_limit = std::max<std::int64_t>(0, input.overdraft_limit);
  a.description = input.description;
  a.created_at_us = clock_.now_us();
  store::insert_account(tx, a);
  return a;
}

std::optional<Account> LedgerService::account(Id tenant_id, Id id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::find_account(tx, tenant_id, id); });
}

std::optional<Account> LedgerService::account(db::Transaction& tx, Id tenant_id, Id id, bool lock) {
  return store::find_account(tx, tenant_id, id, lock);
}

Result<Account> LedgerService::configure(db::Transaction& tx, Id tenant_id, Id id, std::uint32_t flags,
                                         std::int64_t overdraft_limit) {
  auto a = store::find_account(tx, tenant_id, id, true);
  if (!a) return Error::not_found("Ledger account not found.");
  if (overdraft_limit < 0) return Error::invalid("overdraft_limit", "overdraft_limit must not be negative.");
  a->flags = flags & account_flags::all;
  a->overdraft_limit = overdraft_limit;
  store::update_settings(tx, *a);
  return *a;
}

std::vector<TransferOutcome> LedgerService::apply(db::Transaction& tx, Id tenant_id,
                                                  std::span<const TransferInput> inputs,
                                                  std::span<const std::size_t> segment_ends) {
  // A business module's transaction holds more than the transfers and is not run again here:
  // every client id is read first.
  return apply_batch_in(tx, tenant_id, inputs, segment_ends, ClientLookup::all);
}

std::vector<TransferOutcome> LedgerService::apply_batch_in(db::Transaction& tx, Id tenant_id,
                                                           std::span<const TransferInput> inputs,
                                                           std::span<const std::size_t> segment_ends,
                                                           ClientLookup lookup) {
  if (inputs.empty()) return {};
  bool resolves = false;
  for (const auto& in : inputs) {
    if (auto bad = check_input(in)) throw std::invalid_argument("ledger transfer: " + bad->field + ": " + bad->message);
    resolves = resolves || !in.pending_client_id.empty();
  }
  const std::size_t whole[] = {inputs.size()};
  if (segment_ends.empty()) segment_ends = whole;

  BatchState state;
  const auto client_ids = lookup == ClientLookup::all ? client_ids_of(inputs) : pending_client_ids_of(inputs);
  for (auto& t : store::transfers_by_client(tx, tenant_id, client_ids)) state.by_client.emplace(t.client_id, std::move(t));
  for (auto& a : store::lock_accounts(tx, tenant_id, account_ids_of(inputs, state))) state.accounts.emplace(a.id, std::move(a));
  if (resolves && tx.kind() == db::Kind::postgresql) {
    // The pending transfers' states as of now that their accounts are locked: another writer
    // may have posted or voided one between the first read and the locks.
    std::vector<std::string> pending_ids;
    for (const auto& in : inputs) {
      if (!in.pending_client_id.empty()) pending_ids.push_back(in.pending_client_id);
    }
    for (auto& t : store::transfers_by_client(tx, tenant_id, pending_ids)) state.by_client[t.client_id] = std::move(t);
  }

  const std::function<Id()> next_id = [this] { return ids_.next(); };
  auto fx = apply_batch(tenant_id, inputs, segment_ends, state, clock_.now_us(), next_id);
  if (lookup == ClientLookup::pending_only) {
    // A transfer that failed may have failed only because its id was taken for granted as new
    // (a replay of a transfer the ledger holds answers "exists", not a balance error): if any
    // failed id is in the ledger, the batch runs again reading every id. Nothing is written yet.
    std::vector<std::string> failed;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (fx.outcomes[i].result != TransferResult::created) failed.push_back(inputs[i].client_id);
    }
    if (!failed.empty() && !store::transfers_by_client(tx, tenant_id, failed).empty()) {
      return apply_batch_in(tx, tenant_id, inputs, segment_ends, ClientLookup::all);
    }
  }
  store::insert_transfers(tx, fx.inserted);
  store::set_states(tx, tenant_id, fx.resolved);
  std::vector<const Account*> changed;
  changed.reserve(fx.changed_accounts.size());
  for (Id id : fx.changed_accounts) changed.push_back(&state.accounts.at(id));
  store::update_totals(tx, tenant_id, changed);
  return std::move(fx.outcomes);
}

Result<std::vector<TransferOutcome>> LedgerService::submit(Id tenant_id, std::vector<TransferInput> inputs) {
  if (inputs.empty()) return Error::invalid("transfers", "Send at least one transfer.");
  if (inputs.size() > batch_transfers_max) {
    return Error::invalid("transfers", "At most " + std::to_string(batch_transfers_max) + " transfers per request.");
  }
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (auto bad = check_input(inputs[i])) {
      return Error::invalid("transfers[" + std::to_string(i) + "]." + bad->field, bad->message);
    }
  }
  std::unique_lock lock(mutex_);
  if (!running_) {
    lock.unlock();
    return run_alone(tenant_id, inputs);
  }
  Request request{tenant_id, std::move(inputs), {}};
  auto done = request.done.get_future();
  queue_.push_back(&request);
  lock.unlock();
  wake_.notify_one();
  return done.get();  // rethrows what the group's transaction threw
}

std::vector<TransferOutcome> LedgerService::run_alone(Id tenant_id, std::span<const TransferInput> inputs) {
  return with_unique_retry([&](ClientLookup lookup) {
    return db_.transact(db::TxMode::write,
                        [&](db::Transaction& tx) { return apply_batch_in(tx, tenant_id, inputs, {}, lookup); });
  });
}

void LedgerService::start_committer() {
  std::lock_guard lock(mutex_);
  if (running_) return;
  running_ = true;
  committer_ = std::thread([this] { commit_loop(); });
}

void LedgerService::stop_committer() {
  {
    std::lock_guard lock(mutex_);
    if (!running_) return;
    running_ = false;
  }
  wake_.notify_all();
  if (committer_.joinable()) committer_.join();
}

void LedgerService::commit_loop() {
  std::vector<Request*> group;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return !queue_.empty() || !running_; });
      if (queue_.empty()) return;  // stopped and drained
      std::size_t total = 0;
      while (!queue_.empty() && (group.empty() || total + queue_.front()->inputs.size() <= group_transfers_max)) {
        total += queue_.front()->inputs.size();
        group.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    commit_group(group);
    group.clear();
  }
}

void LedgerService::commit_group(std::vector<Request*>& group) {
  // One transaction for the group; per tenant one apply() whose segments are the requests.
  std::map<Id, std::vector<Request*>> by_tenant;
  for (Request* r : group) by_tenant[r->tenant_id].push_back(r);
  try {
    auto results = with_unique_retry([&](ClientLookup lookup) {
      return db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
        std::vector<std::vector<TransferOutcome>> out;
        for (auto& [tenant_id, requests] : by_tenant) {
          std::vector<TransferInput> inputs;
          std::vector<std::size_t> ends;
          for (Request* r : requests) {
            inputs.insert(inputs.end(), r->inputs.begin(), r->inputs.end());
            ends.push_back(inputs.size());
          }
          auto outcomes = apply_batch_in(tx, tenant_id, inputs, ends, lookup);
          std::size_t begin = 0;
          for (std::size_t i = 0; i < requests.size(); ++i) {
            out.emplace_back(std::make_move_iterator(outcomes.begin() + static_cast<std::ptrdiff_t>(begin)),
                             std::make_move_iterator(outcomes.begin() + static_cast<std::ptrdiff_t>(ends[i])));
            begin = ends[i];
          }
        }
        return out;
      });
    });
    std::size_t k = 0;
    for (auto& [tenant_id, requests] : by_tenant) {
      for (Request* r : requests) r->done.set_value(std::move(results[k++]));
    }
  } catch (...) {
    for (Request* r : group) r->done.set_exception(std::current_exception());
  }
}

std::optional<Transfer> LedgerService::transfer(Id tenant_id, Id id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::find_transfer(tx, tenant_id, id); });
}

std::optional<Transfer> LedgerService::transfer_by_client_id(Id tenant_id, const std::string& client_id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) -> std::optional<Transfer> {
    auto found = store::transfers_by_client(tx, tenant_id, {client_id});
    if (found.empty()) return std::nullopt;
    return found.front();
  });
}

std::vector<Transfer> LedgerService::statement(Id tenant_id, const store::StatementFilter& filter) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::statement(tx, tenant_id, filter); });
}

int LedgerService::expire_pending(int limit) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    const auto expired = store::expired_pending(tx, clock_.now_us(), limit);
    std::map<Id, std::vector<const Transfer*>> by_tenant;
    for (const auto& t : expired) by_tenant[t.tenant_id].push_back(&t);
    for (const auto& [tenant_id, transfers] : by_tenant) {
      std::vector<Id> ids;
      for (const Transfer* t : transfers) {
        ids.push_back(t->debit_account_id);
        ids.push_back(t->credit_account_id);
      }
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      std::map<Id, Account> accounts;
      for (auto& a : store::lock_accounts(tx, tenant_id, ids)) accounts.emplace(a.id, std::move(a));
      std::vector<std::pair<Id, TransferState>> states;
      for (const Transfer* t : transfers) {
        accounts.at(t->debit_account_id).debits_pending -= t->amount;
        accounts.at(t->credit_account_id).credits_pending -= t->amount;
        states.emplace_back(t->id, TransferState::expired);
      }
      store::set_states(tx, tenant_id, states);
      std::vector<const Account*> changed;
      for (const auto& [id, a] : accounts) changed.push_back(&a);
      store::update_totals(tx, tenant_id, changed);
    }
    if (!expired.empty()) log::info("ledger.pending_expired", {{"count", static_cast<std::int64_t>(expired.size())}});
    return static_cast<int>(expired.size());
  });
}

std::optional<LedgerService::Divergence> LedgerService::check_totals(db::Transaction& tx, Id tenant_id, Id account_id,
                                                                    bool lock) {
  auto a = store::find_account(tx, tenant_id, account_id, lock);
  if (!a) return std::nullopt;
  return Divergence{*a, store::totals_from_transfers(tx, tenant_id, account_id)};
}

}  // namespace rg::ledger
