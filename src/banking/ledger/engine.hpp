#pragma once
// The ledger's rules, in memory and without I/O: given the accounts a batch touches and the
// transfers it refers to (loaded and locked by the store), apply the batch's transfers in order
// and say what each did. Linked chains are all or nothing; a batch may be cut into segments
// (one per client request when requests are committed together) that chains cannot cross.
#include <functional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "banking/ledger/model.hpp"
#include "core/result.hpp"

namespace rg::ledger {

// The shape rules of one transfer; the first broken one, naming the field ("amount", …).
std::optional<FieldError> check_input(const TransferInput& in);

struct BatchState {
  std::unordered_map<Id, Account> accounts;            // every account the batch may touch
  std::unordered_map<std::string, Transfer> by_client;  // transfers named by the batch's client ids
};

struct BatchEffects {
  std::vector<TransferOutcome> outcomes;  // one per input, in order
  std::vector<Transfer> inserted;         // new transfers, in order
  std::vector<std::pair<Id, TransferState>> resolved;  // pending transfers posted or voided
  std::vector<Id> changed_accounts;       // accounts whose totals changed (values in BatchState)
};

// `segment_ends`: exclusive end index of each segment, ascending, the last = inputs.size().
// Inputs must pass check_input. `next_id` draws the new transfers' ids.
BatchEffects apply_batch(Id tenant_id, std::span<const TransferInput> inputs, std::span<const std::size_t> segment_ends,
                         BatchState& state, std::int64_t now_us, const std::function<Id()>& next_id);

// The client ids a batch needs loaded: its own and those of the pending transfers it names.
std::vector<std::string> client_ids_of(std::span<const TransferInput> inputs);
// Only those of the pending transfers it names (posts and voids).
std::vector<std::string> pending_client_ids_of(std::span<const TransferInput> inputs);
// The accounts a batch touches (sorted, unique), with those of the pending transfers loaded.
std::vector<Id> account_ids_of(std::span<const TransferInput> inputs, const BatchState& state);

}  // namespace rg::ledger
