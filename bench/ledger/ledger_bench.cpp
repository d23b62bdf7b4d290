// bench/ledger (TRX-01): transfers per second of the ledger service against a database, and the
// baseline most teams ship on PostgreSQL — one plpgsql function per transfer that locks both
// account rows in id order, checks the balance, inserts the transfer and its two entries and
// updates both balances, called once per transfer over libpq in autocommit.
//
//   ledger_bench ledger   <db> <accounts> <transfers> <batch> <clients> <hot 0|1>
//   ledger_bench baseline <postgresql-url> <accounts> <transfers> <clients> <hot 0|1>
//
// Prints one JSON line. Accounts are created and funded first (not timed). Transfers move 1 to
// 1 000 centavos between customer accounts; "hot" sends 80 % of them among 1 % of the accounts.
#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "banking/ledger/service.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "db/migrations.hpp"

namespace {

using rg::Id;
using Clock = std::chrono::steady_clock;
constexpr Id tenant = 1;

struct Picker {
  std::mt19937_64 rng;
  std::size_t accounts;
  bool hot;
  std::size_t pick() {
    const std::size_t hot_n = std::max<std::size_t>(2, accounts / 100);
    if (hot && rng() % 10 < 8) return rng() % hot_n;
    return rng() % accounts;
  }
  std::pair<std::size_t, std::size_t> pair() {
    const auto d = pick();
    auto c = pick();
    while (c == d) c = pick();
    return {d, c};
  }
};

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

int run_ledger(const std::string& url, std::size_t n_accounts, std::size_t n_transfers, std::size_t batch,
               int clients, bool hot) {
  rg::SystemClock clock;
  rg::IdGenerator ids(clock, 3);
  auto db = rg::db::open_database(url, clients + 2);
  if (auto m = rg::db::Migrator(*db, rg::db::embedded_migration_files()).migrate(); !m.ok()) {
    std::fprintf(stderr, "migrate: %s\n", m.error().detail.c_str());
    return 1;
  }
  rg::ledger::LedgerService ledger(*db, clock, ids);
  std::vector<Id> accounts;
  Id funding = 0;
  db->transact(rg::db::TxMode::write, [&](rg::db::Transaction& tx) {
    funding = ledger.open_account(tx, tenant, {"funding", 0, 0, "bench"}).id;
    for (std::size_t i = 0; i < n_accounts; ++i) {
      accounts.push_back(
          ledger.open_account(tx, tenant, {"customer", rg::ledger::account_flags::debits_must_not_exceed_credits, 0, ""}).id);
    }
  });
  const std::string run = std::to_string(ids.next());
  {
    std::vector<rg::ledger::TransferInput> fund;
    for (std::size_t i = 0; i < n_accounts; ++i) {
      fund.push_back({"fund-" + run + "-" + std::to_string(i), funding, accounts[i], 1'000'000'000, "", 0, 0, "funding", ""});
      if (fund.size() == rg::ledger::batch_transfers_max || i + 1 == n_accounts) {
        auto r = ledger.submit(tenant, std::move(fund));
        if (!r) return 1;
        fund.clear();
      }
    }
  }
  if (clients > 1) ledger.start_committer();
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> created{0}, failed{0};
  std::vector<double> latencies_ms;
  std::mutex lat_mutex;
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      Picker p{std::mt19937_64(1000 + c), n_accounts, hot};
      std::vector<double> mine;
      for (;;) {
        const std::size_t first = next.fetch_add(batch);
        if (first >= n_transfers) break;
        const std::size_t n = std::min(batch, n_transfers - first);
        std::vector<rg::ledger::TransferInput> in;
        in.reserve(n);
        for (std::size_t k = 0; k < n; ++k) {
          const auto [d, cr] = p.pair();
          in.push_back({"t-" + run + "-" + std::to_string(first + k), accounts[d], accounts[cr],
                        static_cast<std::int64_t>(1 + p.rng() % 1000), "", 0, 0, "p2p", ""});
        }
        const auto t0 = Clock::now();
        auto r = ledger.submit(tenant, std::move(in));
        mine.push_back(seconds_since(t0) * 1000);
        if (!r) {
          failed += n;
          continue;
        }
        for (const auto& o : *r) (o.result == rg::ledger::TransferResult::created ? created : failed)++;
      }
      std::lock_guard lock(lat_mutex);
      latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : threads) t.join();
  const double s = seconds_since(start);
  const auto end_us = clock.now_us();
  ledger.stop_committer();
  std::sort(latencies_ms.begin(), latencies_ms.end());
  const double p99 = latencies_ms.empty() ? 0 : latencies_ms[latencies_ms.size() * 99 / 100];
  // Reading history back (the statement walks each account's chain of transfers): the first page
  // of 50 of 200 random accounts, and the page of the run's last tenth of time (a period filter
  // walks every newer transfer of the account first). Not timed into the throughput above.
  auto statement_p99 = [&](bool period) {
    std::mt19937_64 rng(77);
    std::vector<double> ms;
    const std::int64_t from_us = end_us - static_cast<std::int64_t>(s * 1e6 / 10);
    for (int i = 0; i < 200; ++i) {
      rg::ledger::store::StatementFilter f;
      f.account_id = accounts[rng() % accounts.size()];
      if (period) {
        f.from_us = from_us - static_cast<std::int64_t>(s * 1e6 / 10);
        f.to_us = from_us;
      }
      const auto t0 = Clock::now();
      (void)ledger.statement(tenant, f);
      ms.push_back(seconds_since(t0) * 1000);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() * 99 / 100];
  };
  const double statement_ms = statement_p99(false), period_ms = statement_p99(true);
  std::printf(
      "{\"mode\":\"ledger\",\"db\":\"%s\",\"accounts\":%zu,\"transfers\":%zu,\"batch\":%zu,\"clients\":%d,\"hot\":%s,"
      "\"created\":%zu,\"failed\":%zu,\"seconds\":%.3f,\"per_second\":%.0f,\"p99_request_ms\":%.2f,"
      "\"statement_p99_ms\":%.2f,\"statement_period_p99_ms\":%.2f}\n",
      rg::db::kind_name(db->kind()), n_accounts, n_transfers, batch, clients, hot ? "true" : "false", created.load(),
      failed.load(), s, static_cast<double>(created.load() + failed.load()) / s, p99, statement_ms, period_ms);
  return 0;
}

// The baseline's schema and function, in its own schema so it never meets the product's tables.
constexpr const char* baseline_schema = R"sql(
DROP SCHEMA IF EXISTS bench_baseline CASCADE;
CREATE SCHEMA bench_baseline;
SET search_path = bench_baseline;
CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL, updated_at TIMESTAMPTZ NOT NULL);
CREATE TABLE transfers (id BIGSERIAL PRIMARY KEY, client_id TEXT NOT NULL UNIQUE, debit_account_id BIGINT NOT NULL,
  credit_account_id BIGINT NOT NULL, amount BIGINT NOT NULL, created_at TIMESTAMPTZ NOT NULL);
CREATE TABLE entries (transfer_id BIGINT NOT NULL, account_id BIGINT NOT NULL, amount BIGINT NOT NULL,
  balance_after BIGINT NOT NULL, PRIMARY KEY (account_id, transfer_id));
CREATE FUNCTION transfer(p_client TEXT, p_debit BIGINT, p_credit BIGINT, p_amount BIGINT) RETURNS TEXT
LANGUAGE plpgsql AS $$
DECLARE
  v_debit_balance BIGINT;
  v_credit_balance BIGINT;
  v_id BIGINT;
BEGIN
  PERFORM 1 FROM bench_baseline.accounts WHERE id IN (p_debit, p_credit) ORDER BY id FOR UPDATE;
  SELECT balance INTO v_debit_balance FROM bench_baseline.accounts WHERE id = p_debit;
  IF v_debit_balance < p_amount THEN RETURN 'insufficient_funds'; END IF;
  INSERT INTO bench_baseline.transfers (client_id, debit_account_id, credit_account_id, amount, created_at)
    VALUES (p_client, p_debit, p_credit, p_amount, now()) RETURNING id INTO v_id;
  UPDATE bench_baseline.accounts SET balance = balance - p_amount, updated_at = now() WHERE id = p_debit
    RETURNING balance INTO v_debit_balance;
  UPDATE bench_baseline.accounts SET balance = balance + p_amount, updated_at = now() WHERE id = p_credit
    RETURNING balance INTO v_credit_balance;
  INSERT INTO bench_baseline.entries VALUES (v_id, p_debit, -p_amount, v_debit_balance), (v_id, p_credit, p_amount, v_credit_balance);
  RETURN 'ok';
END $$;
)sql";

int run_baseline(const std::string& url, std::size_t n_accounts, std::size_t n_transfers, int clients, bool hot) {
  PGconn* admin = PQconnectdb(url.c_str());
  if (PQstatus(admin) != CONNECTION_OK) {
    std::fprintf(stderr, "baseline: %s\n", PQerrorMessage(admin));
    return 1;
  }
  auto exec = [](PGconn* c, const std::string& sql) {
    PGresult* r = PQexec(c, sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok) std::fprintf(stderr, "baseline: %s\n", PQerrorMessage(c));
    PQclear(r);
    return ok;
  };
  if (!exec(admin, baseline_schema)) return 1;
  if (!exec(admin, "INSERT INTO bench_baseline.accounts SELECT g, 1000000000, now() FROM generate_series(1, " +
                       std::to_string(n_accounts) + ") g")) {
    return 1;
  }
  PQfinish(admin);
  std::atomic<std::size_t> next{0}, ok{0}, refused{0};
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      PGconn* conn = PQconnectdb(url.c_str());
      PGresult* prep = PQprepare(conn, "t", "SELECT bench_baseline.transfer($1, $2, $3, $4)", 4, nullptr);
      PQclear(prep);
      Picker p{std::mt19937_64(2000 + c), n_accounts, hot};
      for (;;) {
        const std::size_t i = next.fetch_add(1);
        if (i >= n_transfers) break;
        const auto [d, cr] = p.pair();
        const std::string cid = "b-" + std::to_string(i), ds = std::to_string(d + 1), cs = std::to_string(cr + 1),
                          amount = std::to_string(1 + p.rng() % 1000);
        const char* values[] = {cid.c_str(), ds.c_str(), cs.c_str(), amount.c_str()};
        PGresult* r = PQexecPrepared(conn, "t", 4, values, nullptr, nullptr, 0);
        if (PQresultStatus(r) == PGRES_TUPLES_OK && std::string(PQgetvalue(r, 0, 0)) == "ok") {
          ++ok;
        } else {
          // Accounts start with R$ 10 million: a refusal is a broken baseline, not a figure.
          if (refused.fetch_add(1) == 0) std::fprintf(stderr, "baseline: %s\n", PQerrorMessage(conn));
        }
        PQclear(r);
      }
      PQfinish(conn);
    });
  }
  for (auto& t : threads) t.join();
  const double s = seconds_since(start);
  std::printf("{\"mode\":\"baseline-plpgsql\",\"db\":\"postgresql\",\"accounts\":%zu,\"transfers\":%zu,\"batch\":1,"
              "\"clients\":%d,\"hot\":%s,\"created\":%zu,\"failed\":%zu,\"seconds\":%.3f,\"per_second\":%.0f}\n",
              n_accounts, n_transfers, clients, hot ? "true" : "false", ok.load(), refused.load(), s,
              static_cast<double>(ok.load()) / s);
  return refused.load() == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> a(argv + 1, argv + argc);
  auto num = [&](std::size_t i) { return static_cast<std::size_t>(std::stoull(a.at(i))); };
  try {
    if (a.size() == 7 && a[0] == "ledger") {
      return run_ledger(a[1], num(2), num(3), num(4), static_cast<int>(num(5)), num(6) != 0);
    }
    if (a.size() == 6 && a[0] == "baseline") return run_baseline(a[1], num(2), num(3), static_cast<int>(num(4)), num(5) != 0);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ledger_bench: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr,
               "usage: ledger_bench ledger <db> <accounts> <transfers> <batch> <clients> <hot>\n"
               "       ledger_bench baseline <postgresql-url> <accounts> <transfers> <clients> <hot>\n");
  return 2;
}
