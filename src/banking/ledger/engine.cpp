#include "banking/ledger/engine.hpp"

#include <algorithm>
#include <optional>
#include <unordered_set>

namespace rg::ledger {

namespace {

bool id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == ':' || c == '-';
}

bool code_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

bool valid_client_id(std::string_view s) {
  return !s.empty() && s.size() <= client_id_length_max && std::all_of(s.begin(), s.end(), id_char);
}

FieldError field(std::string name, std::string message) { return FieldError{std::move(name), std::move(message)}; }

bool add(std::int64_t& total, std::int64_t amount) { return !__builtin_add_overflow(total, amount, &total); }
bool fits(std::int64_t a, std::int64_t b) {
  std::int64_t out;
  return !__builtin_add_overflow(a, b, &out);
}

// Applies a batch; a struct so the linked-chain undo log has a home.
class Applier {
 public:
  Applier(Id tenant_id, BatchState& state, std::int64_t now_us, const std::function<Id()>& next_id, BatchEffects& fx)
      : tenant_id_(tenant_id), state_(state), now_us_(now_us), next_id_(next_id), fx_(fx) {}

  void run(std::span<const TransferInput> in, std::span<const std::size_t> segment_ends) {
    fx_.outcomes.assign(in.size(), TransferOutcome{});
    std::size_t i = 0;
    for (std::size_t end : segment_ends) {
      while (i < end) {
        std::size_t j = i;
        while ((in[j].flags & transfer_flags::linked) && j + 1 < end) ++j;
        if (in[j].flags & transfer_flags::linked) {  // the segment ended inside the chain
          for (std::size_t k = i; k <= j; ++k) fx_.outcomes[k].result = TransferResult::linked_event_chain_open;
          i = j + 1;
          continue;
        }
        chain(in, i, j);
        i = j + 1;
      }
    }
    fx_.changed_accounts.assign(touched_.begin(), touched_.end());
    std::sort(fx_.changed_accounts.begin(), fx_.changed_accounts.end());
  }

 private:
  void chain(std::span<const TransferInput> in, std::size_t first, std::size_t last) {
    const bool linked = last > first;
    undo_active_ = linked;
    undo_accounts_.clear();
    undo_clients_.clear();
    const std::size_t inserted_mark = fx_.inserted.size();
    const std::size_t resolved_mark = fx_.resolved.size();
    std::optional<std::size_t> failed;
    for (std::size_t k = first; k <= last; ++k) {
      fx_.outcomes[k] = one(in[k]);
      if (!succeeded(fx_.outcomes[k].result)) {
        failed = k;
        break;
      }
    }
    undo_active_ = false;
    if (!failed || !linked) return;
    // All or nothing: put back what the chain's earlier members changed.
    for (auto it = undo_accounts_.rbegin(); it != undo_accounts_.rend(); ++it) state_.accounts[it->first] = it->second;
    for (auto it = undo_clients_.rbegin(); it != undo_clients_.rend(); ++it) {
      if (it->second) {
        state_.by_client[it->first] = *it->second;
      } else {
        state_.by_client.erase(it->first);
      }
    }
    fx_.inserted.resize(inserted_mark);
    fx_.resolved.resize(resolved_mark);
    for (std::size_t k = first; k <= last; ++k) {
      if (k != *failed) fx_.outcomes[k] = TransferOutcome{TransferResult::linked_event_failed, std::nullopt};
    }
  }

  Account* account(Id id) {
    auto it = state_.accounts.find(id);
    return it == state_.accounts.end() ? nullptr : &it->second;
  }

  // Call before changing an account: keeps its value for a chain's undo.
  void touch(Account& a) {
    if (undo_active_ &&
        std::none_of(undo_accounts_.begin(), undo_accounts_.end(), [&](const auto& u) { return u.first == a.id; })) {
      undo_accounts_.emplace_back(a.id, a);
    }
    touched_.insert(a.id);
  }

  void remember(const std::string& client_id, Transfer t) {
    if (undo_active_) {
      auto it = state_.by_client.find(client_id);
      undo_clients_.emplace_back(client_id, it == state_.by_client.end() ? std::nullopt : std::optional(it->second));
    }
    state_.by_client[client_id] = std::move(t);
  }

  // Same client id: the original when the fields agree.
  TransferOutcome replay(const TransferInput& in, const Transfer& t) {
    bool same = in.flags == t.flags && (in.code.empty() || in.code == t.code) && in.description == t.description;
    const bool resolves = in.flags & (transfer_flags::post_pending | transfer_flags::void_pending);
    if (resolves) {
      auto p = state_.by_client.find(in.pending_client_id);
      same = same && p != state_.by_client.end() && t.pending_id == p->second.id &&
             (in.debit_account_id == 0 || in.debit_account_id == t.debit_account_id) &&
             (in.credit_account_id == 0 || in.credit_account_id == t.credit_account_id) &&
             (in.amount == 0 || in.amount == t.amount);
    } else {
      same = same && in.debit_account_id == t.debit_account_id && in.credit_account_id == t.credit_account_id &&
             ((in.flags & transfer_flags::balancing_debit) ? (in.amount == 0 || t.amount <= in.amount)
                                                           : in.amount == t.amount);
      const std::int64_t timeout_us = t.expires_at_us ? *t.expires_at_us - t.created_at_us : 0;
      same = same && timeout_us == in.timeout_s * 1'000'000;
    }
    if (!same) return {TransferResult::exists_with_different_fields, t};
    return {TransferResult::exists, t};
  }

  TransferOutcome one(const TransferInput& in) {
    if (auto it = state_.by_client.find(in.client_id); it != state_.by_client.end()) return replay(in, it->second);
    if (in.flags & (transfer_flags::post_pending | transfer_flags::void_pending)) return resolve(in);
    return move(in);
  }

  TransferOutcome fail(TransferResult r) { return {r, std::nullopt}; }

  TransferOutcome resolve(const TransferInput& in) {
    const bool post = in.flags & transfer_flags::post_pending;
    auto pit = state_.by_client.find(in.pending_client_id);
    if (pit == state_.by_client.end()) return fail(TransferResult::pending_transfer_not_found);
    const Transfer& p = pit->second;
    if (!p.has(transfer_flags::pending)) return fail(TransferResult::pending_transfer_not_pending);
    switch (p.state) {
      case TransferState::posted: return fail(TransferResult::pending_transfer_already_posted);
      case TransferState::voided: return fail(TransferResult::pending_transfer_already_voided);
      case TransferState::expired: return fail(TransferResult::pending_transfer_expired);
      case TransferState::pending: break;
    }
    if (p.expires_at_us && *p.expires_at_us <= now_us_) return fail(TransferResult::pending_transfer_expired);
    if ((in.debit_account_id != 0 && in.debit_account_id != p.debit_account_id) ||
        (in.credit_account_id != 0 && in.credit_account_id != p.credit_account_id)) {
      return fail(TransferResult::pending_transfer_has_different_accounts);
    }
    const std::int64_t amount = post ? (in.amount == 0 ? p.amount : in.amount) : p.amount;
    if (amount > p.amount || (!post && in.amount != 0 && in.amount != p.amount)) {
      return fail(TransferResult::exceeds_pending_transfer_amount);
    }
    Account* d = account(p.debit_account_id);
    Account* c = account(p.credit_account_id);
    if (!d) return fail(TransferResult::debit_account_not_found);
    if (!c) return fail(TransferResult::credit_account_not_found);
    if (post && (!fits(d->debits_posted, amount) || !fits(c->credits_posted, amount))) {
      return fail(TransferResult::overflows);
    }
    touch(*d);
    touch(*c);
    d->debits_pending -= p.amount;
    c->credits_pending -= p.amount;
    if (post) {
      d->debits_posted += amount;
      c->credits_posted += amount;
    }
    Transfer resolved_pending = p;
    resolved_pending.state = post ? TransferState::posted : TransferState::voided;
    const Id pending_id = p.id;
    const std::string pending_code = p.code;
    remember(in.pending_client_id, resolved_pending);
    fx_.resolved.emplace_back(pending_id, post ? TransferState::posted : TransferState::voided);

    Transfer t = fresh(in, *d, *c, amount, post ? TransferState::posted : TransferState::voided);
    t.pending_id = pending_id;
    if (t.code.empty()) t.code = pending_code;
    return created(std::move(t));
  }

  TransferOutcome move(const TransferInput& in) {
    if (in.debit_account_id == in.credit_account_id) return fail(TransferResult::accounts_must_be_different);
    const bool balancing = in.flags & transfer_flags::balancing_debit;
    if (in.amount == 0 && !balancing) return fail(TransferResult::amount_must_not_be_zero);
    Account* d = account(in.debit_account_id);
    Account* c = account(in.credit_account_id);
    if (!d) return fail(TransferResult::debit_account_not_found);
    if (!c) return fail(TransferResult::credit_account_not_found);
    if (d->has(account_flags::closed)) return fail(TransferResult::debit_account_closed);
    if (c->has(account_flags::closed)) return fail(TransferResult::credit_account_closed);
    std::int64_t amount = in.amount;
    if (balancing) {
      // What the account holds of its own: the overdraft is not a balance to move.
      const std::int64_t own = std::max<std::int64_t>(0, d->credits_posted - d->debits_posted - d->debits_pending);
      amount = in.amount == 0 ? own : std::min(in.amount, own);
      if (amount == 0) return fail(TransferResult::exceeds_credits);
    }
    const bool pending = in.flags & transfer_flags::pending;
    std::int64_t d_debits = d->debits_pending;
    std::int64_t c_credits = c->credits_pending;
    if (!add(d_debits, d->debits_posted) || !add(d_debits, amount) || !add(c_credits, c->credits_posted) ||
        !add(c_credits, amount)) {
      return fail(TransferResult::overflows);
    }
    if (d->has(account_flags::debits_must_not_exceed_credits)) {
      std::int64_t allowed = d->credits_posted;
      if (!add(allowed, d->overdraft_limit)) allowed = INT64_MAX;
      if (d_debits > allowed) return fail(TransferResult::exceeds_credits);
    }
    if (c->has(account_flags::credits_must_not_exceed_debits) && c_credits > c->debits_posted) {
      return fail(TransferResult::exceeds_debits);
    }
    touch(*d);
    touch(*c);
    if (pending) {
      d->debits_pending += amount;
      c->credits_pending += amount;
    } else {
      d->debits_posted += amount;
      c->credits_posted += amount;
    }
    Transfer t = fresh(in, *d, *c, amount, pending ? TransferState::pending : TransferState::posted);
    if (pending && in.timeout_s > 0) t.expires_at_us = now_us_ + in.timeout_s * 1'000'000;
    return created(std::move(t));
  }

  // A new transfer row once the accounts hold their new totals.
  Transfer fresh(const TransferInput& in, Account& d, Account& c, std::int64_t amount, TransferState state) {
    Transfer t;
    t.tenant_id = tenant_id_;
    t.id = next_id_();
    t.client_id = in.client_id;
    t.debit_account_id = d.id;
    t.credit_account_id = c.id;
    t.amount = amount;
    t.flags = in.flags;
    t.code = in.code;
    t.state = state;
    t.debit_balance = d.balance();
    t.credit_balance = c.balance();
    t.description = in.description;
    t.created_at_us = now_us_;
    chain_transfer(t, d, c);
    return t;
  }

  TransferOutcome created(Transfer t) {
    remember(t.client_id, t);
    fx_.inserted.push_back(t);
    return {TransferResult::created, std::move(t)};
  }

  Id tenant_id_;
  BatchState& state_;
  std::int64_t now_us_;
  const std::function<Id()>& next_id_;
  BatchEffects& fx_;
  bool undo_active_ = false;
  std::vector<std::pair<Id, Account>> undo_accounts_;
  std::vector<std::pair<std::string, std::optional<Transfer>>> undo_clients_;
  std::unordered_set<Id> touched_;
};

}  // namespace

const char* state_name(TransferState s) {
  switch (s) {
    case TransferState::posted: return "posted";
    case TransferState::pending: return "pending";
    case TransferState::voided: return "voided";
    case TransferState::expired: return "expired";
  }
  return "posted";
}

std::optional<TransferState> parse_state(std::string_view s) {
  for (auto st : {TransferState::posted, TransferState::pending, TransferState::voided, TransferState::expired}) {
    if (s == state_name(st)) return st;
  }
  return std::nullopt;
}

const char* result_name(TransferResult r) {
  switch (r) {
    case TransferResult::created: return "created";
    case TransferResult::exists: return "exists";
    case TransferResult::exists_with_different_fields: return "exists_with_different_fields";
    case TransferResult::linked_event_failed: return "linked_event_failed";
    case TransferResult::linked_event_chain_open: return "linked_event_chain_open";
    case TransferResult::debit_account_not_found: return "debit_account_not_found";
    case TransferResult::credit_account_not_found: return "credit_account_not_found";
    case TransferResult::accounts_must_be_different: return "accounts_must_be_different";
    case TransferResult::amount_must_not_be_zero: return "amount_must_not_be_zero";
    case TransferResult::exceeds_credits: return "exceeds_credits";
    case TransferResult::exceeds_debits: return "exceeds_debits";
    case TransferResult::debit_account_closed: return "debit_account_closed";
    case TransferResult::credit_account_closed: return "credit_account_closed";
    case TransferResult::pending_transfer_not_found: return "pending_transfer_not_found";
    case TransferResult::pending_transfer_not_pending: return "pending_transfer_not_pending";
    case TransferResult::pending_transfer_already_posted: return "pending_transfer_already_posted";
    case TransferResult::pending_transfer_already_voided: return "pending_transfer_already_voided";
    case TransferResult::pending_transfer_expired: return "pending_transfer_expired";
    case TransferResult::pending_transfer_has_different_accounts: return "pending_transfer_has_different_accounts";
    case TransferResult::exceeds_pending_transfer_amount: return "exceeds_pending_transfer_amount";
    case TransferResult::overflows: return "overflows";
  }
  return "created";
}

std::optional<FieldError> check_input(const TransferInput& in) {
  if (!valid_client_id(in.client_id)) {
    return field("client_id", "client_id must be 1 to 64 characters of letters, digits, '.', '_', ':' or '-'.");
  }
  if (in.flags & ~transfer_flags::all) return field("flags", "Unknown transfer flag.");
  const bool post = in.flags & transfer_flags::post_pending;
  const bool void_ = in.flags & transfer_flags::void_pending;
  const bool pending = in.flags & transfer_flags::pending;
  const bool balancing = in.flags & transfer_flags::balancing_debit;
  if (int(post) + int(void_) + int(pending) > 1) {
    return field("flags", "A transfer is at most one of pending, post_pending and void_pending.");
  }
  if ((post || void_) && balancing) return field("flags", "balancing_debit does not apply to post or void.");
  if (in.amount < 0) return field("amount", "amount must not be negative (centavos).");
  if (post || void_) {
    if (!valid_client_id(in.pending_client_id)) {
      return field("pending_client_id", "Posting or voiding needs the pending transfer's client_id.");
    }
    if (in.debit_account_id < 0) return field("debit_account_id", "Unknown account id.");
    if (in.credit_account_id < 0) return field("credit_account_id", "Unknown account id.");
  } else {
    if (!in.pending_client_id.empty()) {
      return field("pending_client_id", "Only a post or a void names a pending transfer.");
    }
    if (in.debit_account_id <= 0) return field("debit_account_id", "debit_account_id is required.");
    if (in.credit_account_id <= 0) return field("credit_account_id", "credit_account_id is required.");
    if (in.code.empty()) return field("code", "code (the kind of transfer, e.g. \"p2p\") is required.");
  }
  if (in.code.size() > code_length_max || !std::all_of(in.code.begin(), in.code.end(), code_char)) {
    return field("code", "code must be up to 32 characters of a-z, 0-9 and '_'.");
  }
  if (in.timeout_s < 0 || in.timeout_s > pending_timeout_s_max) {
    return field("timeout_s", "timeout_s must be between 0 and 400 days in seconds.");
  }
  if (in.timeout_s > 0 && !pending) return field("timeout_s", "Only a pending transfer has a timeout.");
  if (in.description.size() > description_length_max) {
    return field("description", "description must be at most 140 bytes.");
  }
  return std::nullopt;
}

BatchEffects apply_batch(Id tenant_id, std::span<const TransferInput> inputs, std::span<const std::size_t> segment_ends,
                         BatchState& state, std::int64_t now_us, const std::function<Id()>& next_id) {
  BatchEffects fx;
  Applier(tenant_id, state, now_us, next_id, fx).run(inputs, segment_ends);
  return fx;
}

std::vector<std::string> client_ids_of(std::span<const TransferInput> inputs) {
  std::vector<std::string> out;
  out.reserve(inputs.size());
  for (const auto& in : inputs) {
    out.push_back(in.client_id);
    if (!in.pending_client_id.empty()) out.push_back(in.pending_client_id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> pending_client_ids_of(std::span<const TransferInput> inputs) {
  std::vector<std::string> out;
  for (const auto& in : inputs) {
    if (!in.pending_client_id.empty()) out.push_back(in.pending_client_id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<Id> account_ids_of(std::span<const TransferInput> inputs, const BatchState& state) {
  std::vector<Id> out;
  out.reserve(inputs.size() * 2);
  for (const auto& in : inputs) {
    if (in.debit_account_id > 0) out.push_back(in.debit_account_id);
    if (in.credit_account_id > 0) out.push_back(in.credit_account_id);
  }
  for (const auto& [client_id, t] : state.by_client) {
    if (t.has(transfer_flags::pending) && t.state == TransferState::pending) {
      out.push_back(t.debit_account_id);
      out.push_back(t.credit_account_id);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace rg::ledger
