#include "banking/ledger/store.hpp"

#include "db/bulk.hpp"

namespace rg::ledger::store {

namespace {

constexpr const char* account_columns =
    "tenant_id, id, code, flags, overdraft_limit, debits_pending, debits_posted, credits_pending, credits_posted,"
    " description, created_at_us, last_transfer_id";
constexpr const char* transfer_columns =
    "tenant_id, id, client_id, debit_account_id, credit_account_id, amount, pending_id, flags, code, state,"
    " expires_at_us, debit_balance, credit_balance, description, created_at_us, debit_prev_id, credit_prev_id";
constexpr std::size_t transfer_column_count = 17;

// A chain pointer as stored: NULL for none.
std::optional<std::int64_t> link(Id id) { return id == 0 ? std::nullopt : std::optional<std::int64_t>(id); }
// IN lists are read in chunks of up to 256 keys (a handful of distinct statement texts).
constexpr std::size_t lookup_chunk_max = 256;

Account account_from(const db::Row& r) {
  Account a;
  a.tenant_id = r.integer(0);
  a.id = r.integer(1);
  a.code = r.text(2);
  a.flags = static_cast<std::uint32_t>(r.integer(3));
  a.overdraft_limit = r.integer(4);
  a.debits_pending = r.integer(5);
  a.debits_posted = r.integer(6);
  a.credits_pending = r.integer(7);
  a.credits_posted = r.integer(8);
  a.description = r.text(9);
  a.created_at_us = r.integer(10);
  a.last_transfer_id = r.integer_or_null(11).value_or(0);
  return a;
}

Transfer transfer_from(const db::Row& r) {
  Transfer t;
  t.tenant_id = r.integer(0);
  t.id = r.integer(1);
  t.client_id = r.text(2);
  t.debit_account_id = r.integer(3);
  t.credit_account_id = r.integer(4);
  t.amount = r.integer(5);
  t.pending_id = r.integer_or_null(6);
  t.flags = static_cast<std::uint32_t>(r.integer(7));
  t.code = r.text(8);
  t.state = parse_state(r.text(9)).value_or(TransferState::posted);
  t.expires_at_us = r.integer_or_null(10);
  t.debit_balance = r.integer(11);
  t.credit_balance = r.integer(12);
  t.description = r.text(13);
  t.created_at_us = r.integer(14);
  t.debit_prev_id = r.integer_or_null(15).value_or(0);
  t.credit_prev_id = r.integer_or_null(16).value_or(0);
  return t;
}

}  // namespace

void insert_account(db::Transaction& tx, const Account& a) {
  tx.execute(std::string("INSERT INTO ledger_accounts (") + account_columns +
                 ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
             {a.tenant_id, a.id, a.code, static_cast<std::int64_t>(a.flags), a.overdraft_limit, a.debits_pending,
              a.debits_posted, a.credits_pending, a.credits_posted, a.description, a.created_at_us,
              link(a.last_transfer_id)});
}

std::optional<Account> find_account(db::Transaction& tx, Id tenant_id, Id id, bool lock) {
  auto row = tx.query_one(std::string("SELECT ") + account_columns +
                              " FROM ledger_accounts WHERE tenant_id = $1 AND id = $2" + (lock ? tx.for_update() : ""),
                          {tenant_id, id});
  if (!row) return std::nullopt;
  return account_from(*row);
}

std::vector<Account> lock_accounts(db::Transaction& tx, Id tenant_id, const std::vector<Id>& ids) {
  db::Rows rows;
  if (tx.kind() == db::Kind::postgresql) {
    // One probe of the primary key per id, in the ids' (ascending) order, each row locked as it
    // is read: see transfers_by_client for why not an IN list.
    rows = tx.query(std::string("SELECT ") + account_columns +
                        " FROM unnest(CAST($2 AS BIGINT[])) WITH ORDINALITY AS k(key, n) CROSS JOIN LATERAL (SELECT " +
                        account_columns +
                        " FROM ledger_accounts a WHERE a.tenant_id = $1 AND a.id = k.key FOR UPDATE) a ORDER BY k.n",
                    {tenant_id, db::array_literal(ids)});
  } else {
    db::Params values(ids.begin(), ids.end());
    rows = db::run_chunked(
        tx, {tenant_id}, 1, values,
        [&](std::size_t n) {
          return std::string("SELECT ") + account_columns + " FROM ledger_accounts WHERE tenant_id = $1 AND id IN (" +
                 db::placeholders(n, 2) + ") ORDER BY id";
        },
        lookup_chunk_max);
  }
  std::vector<Account> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(account_from(r));
  return out;
}

void update_totals(db::Transaction& tx, Id tenant_id, const std::vector<const Account*>& accounts) {
  if (accounts.empty()) return;
  if (tx.kind() == db::Kind::postgresql) {
    // The new totals and chain heads as six arrays, one statement for the whole batch.
    std::vector<std::int64_t> id, dp, dpo, cp, cpo, last;
    for (const Account* a : accounts) {
      id.push_back(a->id);
      dp.push_back(a->debits_pending);
      dpo.push_back(a->debits_posted);
      cp.push_back(a->credits_pending);
      cpo.push_back(a->credits_posted);
      last.push_back(a->last_transfer_id);
    }
    tx.execute("UPDATE ledger_accounts AS a SET debits_pending = v.dp, debits_posted = v.dpo, credits_pending = v.cp,"
               " credits_posted = v.cpo, last_transfer_id = NULLIF(v.last, 0) FROM unnest(CAST($2 AS BIGINT[]),"
               " CAST($3 AS BIGINT[]), CAST($4 AS BIGINT[]), CAST($5 AS BIGINT[]), CAST($6 AS BIGINT[]),"
               " CAST($7 AS BIGINT[])) AS v(id, dp, dpo, cp, cpo, last) WHERE a.tenant_id = $1 AND a.id = v.id",
               {tenant_id, db::array_literal(id), db::array_literal(dp), db::array_literal(dpo), db::array_literal(cp),
                db::array_literal(cpo), db::array_literal(last)});
    return;
  }
  db::Params values;
  values.reserve(accounts.size() * 6);
  for (const Account* a : accounts) {
    values.insert(values.end(), {db::Value(a->id), db::Value(a->debits_pending), db::Value(a->debits_posted),
                                 db::Value(a->credits_pending), db::Value(a->credits_posted),
                                 db::Value(link(a->last_transfer_id))});
  }
  static const std::vector<std::string_view> casts = {"BIGINT", "BIGINT", "BIGINT", "BIGINT", "BIGINT", "BIGINT"};
  db::run_chunked(tx, {tenant_id}, 6, values, [](std::size_t n) {
    return "UPDATE ledger_accounts AS a SET debits_pending = v.column2, debits_posted = v.column3,"
           " credits_pending = v.column4, credits_posted = v.column5, last_transfer_id = v.column6 FROM (VALUES " +
           db::values_rows(n, 6, 2, casts) + ") AS v WHERE a.tenant_id = $1 AND a.id = v.column1";
  });
}

void update_settings(db::Transaction& tx, const Account& a) {
  tx.execute("UPDATE ledger_accounts SET flags = $3, overdraft_limit = $4, description = $5"
             " WHERE tenant_id = $1 AND id = $2",
             {a.tenant_id, a.id, static_cast<std::int64_t>(a.flags), a.overdraft_limit, a.description});
}

std::vector<Transfer> transfers_by_client(db::Transaction& tx, Id tenant_id, const std::vector<std::string>& client_ids) {
  if (client_ids.empty()) return {};
  db::Rows rows;
  if (tx.kind() == db::Kind::postgresql) {
    // One probe of the unique (tenant_id, client_id) index per key, the keys as one array. An IN
    // list is planned from table statistics, and before the first ANALYZE of a growing table
    // PostgreSQL estimates "tenant_id = $1" as selective and scans every transfer of the tenant
    // instead (measured: 17 s per batch of 8 190 once the table held 40 000 rows). The generic
    // plan of this statement is a nested loop over the unique index whatever the statistics say.
    rows = tx.query(std::string("SELECT ") + transfer_columns +
                        " FROM unnest(CAST($2 AS TEXT[])) AS k(key) CROSS JOIN LATERAL (SELECT " +
                        transfer_columns + " FROM ledger_transfers t WHERE t.tenant_id = $1 AND t.client_id = k.key) t",
                    {tenant_id, db::array_literal(client_ids)});
  } else {
    db::Params values(client_ids.begin(), client_ids.end());
    rows = db::run_chunked(
        tx, {tenant_id}, 1, values,
        [](std::size_t n) {
          return std::string("SELECT ") + transfer_columns +
                 " FROM ledger_transfers WHERE tenant_id = $1 AND client_id IN (" + db::placeholders(n, 2) + ")";
        },
        lookup_chunk_max);
  }
  std::vector<Transfer> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(transfer_from(r));
  return out;
}

std::optional<Transfer> find_transfer(db::Transaction& tx, Id tenant_id, Id id) {
  auto row = tx.query_one(std::string("SELECT ") + transfer_columns +
                              " FROM ledger_transfers WHERE tenant_id = $1 AND id = $2",
                          {tenant_id, id});
  if (!row) return std::nullopt;
  return transfer_from(*row);
}

void insert_transfers(db::Transaction& tx, const std::vector<Transfer>& transfers) {
  if (transfers.empty()) return;
  if (tx.kind() == db::Kind::postgresql) {
    // The whole batch in one COPY (an INSERT of one array per column before: 1.5x slower, the
    // server parsing 17 text arrays element by element).
    db::CopyRows c;
    for (const auto& t : transfers) {
      c.integer(t.tenant_id);
      c.integer(t.id);
      c.text(t.client_id);
      c.integer(t.debit_account_id);
      c.integer(t.credit_account_id);
      c.integer(t.amount);
      c.integer(t.pending_id);
      c.integer(static_cast<std::int64_t>(t.flags));
      c.text(t.code);
      c.text(state_name(t.state));
      c.integer(t.expires_at_us);
      c.integer(t.debit_balance);
      c.integer(t.credit_balance);
      c.text(t.description);
      c.integer(t.created_at_us);
      c.integer(link(t.debit_prev_id));
      c.integer(link(t.credit_prev_id));
      c.end_row();
    }
    tx.copy_rows(std::string("ledger_transfers (") + transfer_columns + ")", c.data());
    return;
  }
  db::Params values;
  values.reserve(transfers.size() * transfer_column_count);
  for (const auto& t : transfers) {
    values.insert(values.end(),
                  {db::Value(t.tenant_id), db::Value(t.id), db::Value(t.client_id), db::Value(t.debit_account_id),
                   db::Value(t.credit_account_id), db::Value(t.amount), db::Value(t.pending_id),
                   db::Value(static_cast<std::int64_t>(t.flags)), db::Value(t.code), db::Value(state_name(t.state)),
                   db::Value(t.expires_at_us), db::Value(t.debit_balance), db::Value(t.credit_balance),
                   db::Value(t.description), db::Value(t.created_at_us), db::Value(link(t.debit_prev_id)),
                   db::Value(link(t.credit_prev_id))});
  }
  db::run_chunked(tx, {}, transfer_column_count, values, [](std::size_t n) {
    return std::string("INSERT INTO ledger_transfers (") + transfer_columns + ") VALUES " +
           db::values_rows(n, transfer_column_count);
  });
}

void set_states(db::Transaction& tx, Id tenant_id, const std::vector<std::pair<Id, TransferState>>& states) {
  for (const auto& [id, state] : states) {
    tx.execute("UPDATE ledger_transfers SET state = $3 WHERE tenant_id = $1 AND id = $2",
               {tenant_id, id, state_name(state)});
  }
}

namespace {

// "WITH RECURSIVE walk AS (…)": the transfers of account $2 of tenant $1 along its history chain,
// newest first, from the transfer whose id `start` (SQL) gives; the walk goes on while
// `continue_if` (SQL on the next transfer `t`, or empty) holds. Each step is one probe of the
// primary key. Both databases produce a recursive query's rows as they are reached, so an outer
// LIMIT without ORDER BY stops the walk there (PostgreSQL documents this lazy evaluation of
// WITH queries; SQLite reads its recursive queue in FIFO order). The outer query must therefore
// read `walk` alone: no sort, no join.
std::string chain_walk(const std::string& start, const std::string& continue_if) {
  static const std::string step_columns = [] {
    std::string out;
    std::string_view cols = transfer_columns;
    while (!cols.empty()) {
      const auto comma = cols.find(',');
      auto col = cols.substr(0, comma);
      while (!col.empty() && col.front() == ' ') col.remove_prefix(1);
      out += (out.empty() ? "t." : ", t.") + std::string(col);
      cols = comma == std::string_view::npos ? std::string_view() : cols.substr(comma + 1);
    }
    return out;
  }();
  return std::string("WITH RECURSIVE walk (") + transfer_columns + ") AS (SELECT " + transfer_columns +
         " FROM ledger_transfers WHERE tenant_id = $1 AND id = (" + start + ") UNION ALL SELECT " + step_columns +
         " FROM walk w JOIN ledger_transfers t ON t.id = CASE WHEN w.debit_account_id = $2 THEN w.debit_prev_id"
         " ELSE w.credit_prev_id END" + (continue_if.empty() ? "" : " WHERE " + continue_if) + ") ";
}

constexpr const char* chain_head = "SELECT last_transfer_id FROM ledger_accounts WHERE tenant_id = $1 AND id = $2";

}  // namespace

std::vector<Transfer> statement(db::Transaction& tx, Id tenant_id, const StatementFilter& f) {
  // The account's chain from its newest transfer (or from the one after the keyset cursor, when
  // the cursor is a transfer of this account), filtered on the way; the walk stops at the
  // period's start (ids and times grow together along a chain) or once the page is full.
  db::Params params{tenant_id, f.account_id};
  auto bind = [&](db::Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  std::string start = chain_head;
  std::string cond;
  if (f.before_id) {
    const auto cursor = find_transfer(tx, tenant_id, *f.before_id);
    if (cursor && (cursor->debit_account_id == f.account_id || cursor->credit_account_id == f.account_id)) {
      const Id prev = cursor->prev_for(f.account_id);
      if (prev == 0) return {};  // the cursor is the account's first transfer
      start = bind(prev);
    } else {
      cond += " AND id < " + bind(*f.before_id);  // not a transfer of this account: walk from the head
    }
  }
  std::string continue_if;
  if (f.from_us) {
    const std::string from = bind(*f.from_us);
    continue_if = "t.created_at_us >= " + from;
    cond += " AND created_at_us >= " + from;
  }
  if (f.to_us) cond += " AND created_at_us < " + bind(*f.to_us);
  if (!f.codes.empty()) {
    cond += " AND code IN (";
    for (std::size_t i = 0; i < f.codes.size(); ++i) cond += (i ? ", " : "") + bind(f.codes[i]);
    cond += ")";
  }
  const std::string limit = bind(static_cast<std::int64_t>(f.limit));
  const std::string sql = chain_walk(start, continue_if) + "SELECT " + transfer_columns + " FROM walk WHERE 1 = 1" +
                          cond + " LIMIT " + limit;
  std::vector<Transfer> out;
  for (const auto& r : tx.query(sql, params)) out.push_back(transfer_from(r));
  return out;
}

std::vector<Transfer> expired_pending(db::Transaction& tx, std::int64_t now_us, int limit) {
  auto rows = tx.query(std::string("SELECT ") + transfer_columns +
                           " FROM ledger_transfers WHERE state = 'pending' AND expires_at_us <= $1"
                           " ORDER BY expires_at_us LIMIT $2" + tx.for_update(),
                       {now_us, static_cast<std::int64_t>(limit)});
  std::vector<Transfer> out;
  for (const auto& r : rows) out.push_back(transfer_from(r));
  return out;
}

Totals totals_from_transfers(db::Transaction& tx, Id tenant_id, Id account_id) {
  // Posted: every transfer in state posted moved its amount (single-phase and posts of
  // pendings; a posted pending's own row is not counted twice: its post row carries the
  // amount). Pending: open pending transfers. The whole chain of the account is walked.
  const std::string sql =
      chain_walk(chain_head, "") +
      "SELECT"
      " COALESCE(SUM(CASE WHEN debit_account_id = $2 AND state = 'pending' THEN amount END), 0),"
      " COALESCE(SUM(CASE WHEN debit_account_id = $2 AND state = 'posted' AND (flags & 2) = 0 THEN amount END), 0),"
      " COALESCE(SUM(CASE WHEN credit_account_id = $2 AND state = 'pending' THEN amount END), 0),"
      " COALESCE(SUM(CASE WHEN credit_account_id = $2 AND state = 'posted' AND (flags & 2) = 0 THEN amount END), 0)"
      " FROM walk";
  auto row = tx.query_one(sql, {tenant_id, account_id});
  return Totals{row->integer(0), row->integer(1), row->integer(2), row->integer(3)};
}

}  // namespace rg::ledger::store
