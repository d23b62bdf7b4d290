// covers PLT-07 (audit trail: append-only, hash-chained, searchable) on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <set>
#include <sstream>
#include <thread>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/hash.hpp"
#include "core/ids.hpp"
#include "db/migrations.hpp"
#include "http/router.hpp"
#include "platform/audit/routes.hpp"
#include "platform/audit/service.hpp"
#include "platform/audit/store.hpp"
#include "platform/audit/verify_cli.hpp"
#include "support/test_db.hpp"

namespace rg::audit {
namespace {

const std::int64_t day1_us = sao_paulo_start_of_day_us(Date{2026, 3, 10});  // 10/03/2026 00:00 BRT
constexpr std::int64_t hour_us = 3'600 * microseconds_per_second;

class AuditTest : public ::testing::Test {
 protected:
  AuditTest() : clock_(day1_us + 9 * hour_us), ids_(clock_, 1), log_(clock_, ids_) {}
  void SetUp() override { ASSERT_TRUE(db::Migrator(db(), db::embedded_migration_files()).migrate().ok()); }
  db::Database& db() { return test_db_.db(); }

  static Entry entry(std::int64_t tenant_id, std::string action, std::string target_id = "",
                     std::string after_json = "") {
    Entry e;
    e.tenant_id = tenant_id;
    e.actor_type = "operator";
    e.actor_id = 10;
    e.actor_name = "Ana Souza";
    e.action = std::move(action);
    e.target_type = target_id.empty() ? "" : "operator";
    e.target_id = std::move(target_id);
    e.after_json = std::move(after_json);
    e.request_id = "req-" + e.action;
    e.ip = "10.0.0.1";
    return e;
  }
  void append(Entry e) {
    db().transact(db::TxMode::write, [&](db::Transaction& tx) { log_.append(tx, e); });
  }
  void append_many(std::int64_t tenant_id, int count) {
    db().transact(db::TxMode::write, [&](db::Transaction& tx) {
      for (int i = 1; i <= count; ++i) {
        log_.append(tx, entry(tenant_id, "operator.updated", std::to_string(i), R"({"n":)" + std::to_string(i) + "}"));
      }
    });
  }
  void execute(const std::string& sql, const db::Params& params = {}) {
    db().transact(db::TxMode::write, [&](db::Transaction& tx) { tx.execute(sql, params); });
  }
  std::int64_t scalar(const std::string& sql, const db::Params& params = {}) {
    return db().transact(db::TxMode::read, [&](db::Transaction& tx) { return tx.query_one(sql, params)->integer(0); });
  }
  std::string text(const std::string& sql, const db::Params& params = {}) {
    return db().transact(db::TxMode::read, [&](db::Transaction& tx) { return tx.query_one(sql, params)->text(0); });
  }
  VerifyReport verify(std::int64_t tenant_id) {
    auto reports = db().transact(db::TxMode::read, [&](db::Transaction& tx) { return log_.verify(tx, tenant_id); });
    EXPECT_EQ(reports.size(), 1u);
    return reports.at(0);
  }
  std::vector<StoredEntry> search(Query query) {
    return db().transact(db::TxMode::read, [&](db::Transaction& tx) { return log_.search(tx, query); });
  }
  std::vector<std::string> actions(Query query) {
    std::vector<std::string> out;
    for (const auto& e : search(std::move(query))) out.push_back(e.entry.action);
    return out;
  }
  // Everything of one tenant's chain, oldest first.
  std::vector<StoredEntry> chain(std::int64_t tenant_id) {
    Query query;
    query.tenant_id = tenant_id;
    query.limit = 500;
    auto entries = search(query);
    std::reverse(entries.begin(), entries.end());
    return entries;
  }

  test::TestDatabase test_db_;
  ManualClock clock_;
  IdGenerator ids_;
  AuditLog log_;
};

TEST_F(AuditTest, PLT07_CanonicalFormIsLengthPrefixedAndStable) {
  Record r;
  r.tenant_id = 12;
  r.seq = 1;
  r.id = 123456789;
  r.at_us = 1'790'000'000'000'000;
  r.actor_type = "operator";
  r.actor_id = 42;
  r.actor_name = "Ana Souza";
  r.action = "operator.created";
  r.target_type = "operator";
  r.target_id = "99";
  r.after_json = R"({"name":"João"})";
  r.request_id = "req-1";
  r.prev_hash = genesis_hash;
  const std::string expected =
      "retaguarda.audit.v1\ntenant_id=2:12\nseq=1:1\nid=9:123456789\nat_us=16:1790000000000000\n"
      "actor_type=8:operator\nactor_id=2:42\nactor_name=9:Ana Souza\naction=16:operator.created\n"
      "target_type=8:operator\ntarget_id=2:99\nbefore_json=-\nafter_json=16:{\"name\":\"João\"}\n"
      "request_id=5:req-1\nip=-\nprev_hash=64:" +
      std::string(64, '0') + "\n";
  EXPECT_EQ(canonical_form(r), expected);
  // Computed independently (Python hashlib) when the format was fixed: changing the format
  // would make every stored chain fail verification.
  EXPECT_EQ(record_hash(r), "0d89aaba19e70bb35f13c8a8343942cd4b0924eeed187bf31e77ecfd3d153d8b");

  Record empty_ip = r;
  empty_ip.ip = "";  // NULL and "" differ
  EXPECT_NE(record_hash(empty_ip), record_hash(r));
  Record shifted = r;  // the same bytes moved from one field to the next must not collide
  shifted.actor_name = "Ana";
  shifted.action = " Souzaoperator.created";
  EXPECT_NE(record_hash(shifted), record_hash(r));
}

TEST_F(AuditTest, PLT07_AppendBuildsAChain) {
  for (int i = 0; i < 5; ++i) {
    append(entry(7, "operator.updated", std::to_string(i)));
    clock_.advance_us(1'000);
  }
  const auto entries = chain(7);
  ASSERT_EQ(entries.size(), 5u);
  std::string previous(genesis_hash);
  std::set<Id> ids;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    EXPECT_EQ(e.seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(e.prev_hash, previous);
    EXPECT_EQ(e.hash.size(), 64u);
    EXPECT_EQ(e.at_us, day1_us + 9 * hour_us + static_cast<std::int64_t>(i) * 1'000);
    EXPECT_EQ(e.entry.tenant_id, 7);
    EXPECT_EQ(e.entry.actor_name, "Ana Souza");
    EXPECT_EQ(e.entry.target_id, std::to_string(i));
    ids.insert(e.id);
    previous = e.hash;
  }
  EXPECT_EQ(ids.size(), 5u);
  EXPECT_EQ(scalar("SELECT last_seq FROM audit_heads WHERE tenant_id = 7"), 5);
  EXPECT_EQ(text("SELECT last_hash FROM audit_heads WHERE tenant_id = 7"), entries.back().hash);
  // Empty fields are stored as NULL (and hashed as NULL).
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE before_json IS NULL AND after_json IS NULL"), 5);
  const auto report = verify(7);
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.entries, 5);
}

TEST_F(AuditTest, PLT07_TenantsHaveIndependentChains) {
  for (int i = 0; i < 3; ++i) {
    append(entry(1, "a.one"));
    append(entry(2, "b.two"));
  }
  append(entry(2, "b.two"));
  const auto one = chain(1);
  const auto two = chain(2);
  ASSERT_EQ(one.size(), 3u);
  ASSERT_EQ(two.size(), 4u);
  EXPECT_EQ(one[0].prev_hash, genesis_hash);
  EXPECT_EQ(two[0].prev_hash, genesis_hash);
  EXPECT_EQ(one.back().seq, 3);
  EXPECT_EQ(two.back().seq, 4);
  for (const auto& e : one) EXPECT_EQ(e.entry.action, "a.one");

  const auto reports = db().transact(db::TxMode::read, [&](db::Transaction& tx) { return log_.verify(tx); });
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].tenant_id, 1);
  EXPECT_EQ(reports[0].entries, 3);
  EXPECT_EQ(reports[1].tenant_id, 2);
  EXPECT_EQ(reports[1].entries, 4);
  EXPECT_TRUE(reports[0].ok && reports[1].ok);

  // A break in one tenant's chain leaves the other's intact.
  execute("UPDATE audit_log SET actor_name = 'Mallory' WHERE tenant_id = 2 AND seq = 2");
  EXPECT_TRUE(verify(1).ok);
  EXPECT_FALSE(verify(2).ok);
}

TEST_F(AuditTest, PLT07_VerifyOfATenantWithoutEntriesIsOk) {
  const auto report = verify(99);
  EXPECT_TRUE(report.ok);
  EXPECT_EQ(report.entries, 0);
  EXPECT_FALSE(report.first_broken_seq);
}

TEST_F(AuditTest, PLT07_ChangedContentIsDetected) {
  append_many(3, 5);
  execute("UPDATE audit_log SET after_json = '{\"n\":300}' WHERE tenant_id = 3 AND seq = 3");
  const auto report = verify(3);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_broken_seq, 3);
  EXPECT_EQ(report.problem, "hash mismatch: row content changed");
  EXPECT_EQ(report.entries, 5);
}

TEST_F(AuditTest, PLT07_NullTurnedIntoEmptyIsDetected) {
  append_many(3, 3);
  execute("UPDATE audit_log SET before_json = '' WHERE tenant_id = 3 AND seq = 2");
  const auto report = verify(3);
  EXPECT_EQ(report.first_broken_seq, 2);
  EXPECT_EQ(report.problem, "hash mismatch: row content changed");
}

TEST_F(AuditTest, PLT07_DeletedEntryIsDetected) {
  append_many(3, 5);
  execute("DELETE FROM audit_log WHERE tenant_id = 3 AND seq = 3");
  auto report = verify(3);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_broken_seq, 3);
  EXPECT_EQ(report.problem, "missing entry");
  EXPECT_EQ(report.entries, 4);

  // Removing the newest entries is caught by the head.
  execute("DELETE FROM audit_log WHERE tenant_id = 3 AND seq >= 3");
  report = verify(3);
  EXPECT_EQ(report.first_broken_seq, 3);
  EXPECT_EQ(report.problem.rfind("missing entry", 0), 0u) << report.problem;
}

TEST_F(AuditTest, PLT07_ConsistentlyRelinkedHashIsDetected) {
  append_many(3, 5);
  const std::string forged(64, 'f');
  execute("UPDATE audit_log SET hash = $1 WHERE tenant_id = 3 AND seq = 2", {forged});
  execute("UPDATE audit_log SET prev_hash = $1 WHERE tenant_id = 3 AND seq = 3", {forged});
  const auto report = verify(3);
  EXPECT_EQ(report.first_broken_seq, 2);
  EXPECT_EQ(report.problem, "hash mismatch: row content changed");
}

TEST_F(AuditTest, PLT07_RehashedRowBreaksTheNextLink) {
  append_many(3, 5);
  // An editor who recomputes the changed row's hash still breaks entry 3's link to it.
  auto stored = chain(3)[1];
  Record r;
  r.tenant_id = 3;
  r.seq = stored.seq;
  r.id = stored.id;
  r.at_us = stored.at_us;
  r.actor_type = stored.entry.actor_type;
  r.actor_id = stored.entry.actor_id;
  r.actor_name = "Mallory";
  r.action = stored.entry.action;
  r.target_type = stored.entry.target_type;
  r.target_id = stored.entry.target_id;
  r.after_json = stored.entry.after_json;
  r.request_id = stored.entry.request_id;
  r.ip = stored.entry.ip;
  r.prev_hash = stored.prev_hash;
  execute("UPDATE audit_log SET actor_name = $1, hash = $2 WHERE tenant_id = 3 AND seq = 2",
          {*r.actor_name, record_hash(r)});
  const auto report = verify(3);
  EXPECT_EQ(report.first_broken_seq, 3);
  EXPECT_EQ(report.problem, "prev_hash does not match entry 2");
}

TEST_F(AuditTest, PLT07_ChangedHeadIsDetected) {
  append_many(3, 5);
  const std::string last_hash = text("SELECT last_hash FROM audit_heads WHERE tenant_id = 3");

  execute("UPDATE audit_heads SET last_hash = $1 WHERE tenant_id = 3", {std::string(64, 'a')});
  auto report = verify(3);
  EXPECT_EQ(report.first_broken_seq, 5);
  EXPECT_EQ(report.problem.rfind("head does not match", 0), 0u) << report.problem;

  execute("UPDATE audit_heads SET last_seq = 4, last_hash = $1 WHERE tenant_id = 3", {last_hash});
  report = verify(3);
  EXPECT_EQ(report.first_broken_seq, 5);
  EXPECT_EQ(report.problem.rfind("head does not match", 0), 0u) << report.problem;

  execute("UPDATE audit_heads SET last_seq = 6 WHERE tenant_id = 3");
  report = verify(3);
  EXPECT_EQ(report.first_broken_seq, 6);
  EXPECT_EQ(report.problem.rfind("missing entry", 0), 0u) << report.problem;

  execute("DELETE FROM audit_heads WHERE tenant_id = 3");
  report = verify(3);
  EXPECT_EQ(report.first_broken_seq, 5);
  EXPECT_EQ(report.problem.rfind("head does not match", 0), 0u) << report.problem;
}

TEST_F(AuditTest, PLT07_VerifyStreamsLongChainsAcrossPages) {
  append_many(4, 2'500);  // more than two verification pages of 1000 rows
  auto report = verify(4);
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.entries, 2'500);
  execute("UPDATE audit_log SET target_id = 'x' WHERE tenant_id = 4 AND seq = 1500");
  report = verify(4);
  EXPECT_EQ(report.first_broken_seq, 1500);
  EXPECT_EQ(report.entries, 2'500);
}

TEST_F(AuditTest, PLT07_AppendRollsBackWithItsTransaction) {
  append(entry(5, "kept.first"));
  Result<int> aborted = db().transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<int> {
    log_.append(tx, entry(5, "rolled.back"));
    log_.append(tx, entry(6, "rolled.back"));
    return Error::invalid("x", "business rule failed after the audit entry");
  });
  EXPECT_FALSE(aborted.ok());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log"), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_heads WHERE tenant_id = 6"), 0);
  append(entry(5, "kept.second"));
  const auto entries = chain(5);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].seq, 2);
  EXPECT_EQ(entries[1].entry.action, "kept.second");
  EXPECT_TRUE(verify(5).ok);
}

TEST_F(AuditTest, PLT07_RejectsAnEntryWithoutAction) {
  EXPECT_THROW(append(entry(5, "")), std::invalid_argument);
}

TEST_F(AuditTest, PLT07_ConcurrentAppendsMakeAGapFreeChain) {
  constexpr int threads = 8;
  constexpr int per_thread = 25;
  std::atomic<int> ready{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      // Start together so several first appends race to create the chain head.
      ++ready;
      while (ready.load() < threads) std::this_thread::yield();
      for (int i = 0; i < per_thread; ++i) {
        db().transact(db::TxMode::write, [&](db::Transaction& tx) {
          log_.append(tx, entry(8, "thread." + std::to_string(t), std::to_string(i)));
        });
      }
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE tenant_id = 8"), threads * per_thread);
  EXPECT_EQ(scalar("SELECT MAX(seq) FROM audit_log WHERE tenant_id = 8"), threads * per_thread);
  const auto report = verify(8);
  EXPECT_TRUE(report.ok) << report.problem << " at " << report.first_broken_seq.value_or(0);
  EXPECT_EQ(report.entries, threads * per_thread);
}

TEST_F(AuditTest, PLT07_AppendsFromTwoDatabaseObjectsMakeOneChain) {
  // Two pools over the same data, as two server processes would have.
  auto other_db = test_db_.open_another();
  IdGenerator other_ids(clock_, 2);
  AuditLog other_log(clock_, other_ids);
  constexpr int threads_per_db = 3;
  constexpr int per_thread = 20;
  std::atomic<int> ready{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 2 * threads_per_db; ++t) {
    db::Database& target = t % 2 == 0 ? db() : *other_db;
    AuditLog& log = t % 2 == 0 ? log_ : other_log;
    workers.emplace_back([&, t] {
      ++ready;
      while (ready.load() < 2 * threads_per_db) std::this_thread::yield();
      for (int i = 0; i < per_thread; ++i) {
        target.transact(db::TxMode::write, [&](db::Transaction& tx) {
          log.append(tx, entry(9, "process." + std::to_string(t % 2), std::to_string(i)));
        });
      }
    });
  }
  for (auto& w : workers) w.join();
  const std::int64_t total = 2 * threads_per_db * per_thread;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE tenant_id = 9"), total);
  EXPECT_EQ(scalar("SELECT COUNT(DISTINCT id) FROM audit_log WHERE tenant_id = 9"), total);
  const auto report = verify(9);
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.entries, total);
}

class AuditSearchTest : public AuditTest {
 protected:
  void SetUp() override {
    AuditTest::SetUp();
    auto add = [&](std::string action, std::int64_t actor_id, std::string actor_name, std::string target_id,
                   std::string after_json) {
      Entry e = entry(1, std::move(action), std::move(target_id), std::move(after_json));
      e.actor_id = actor_id;
      e.actor_name = std::move(actor_name);
      append(e);
      clock_.advance_us(24 * hour_us);  // one entry per São Paulo day, from 10/03/2026 09:00
    };
    add("operator.created", 10, "Ana Souza", "100", R"({"name":"Conceição Araújo"})");  // seq 1, 10/03
    add("operator.updated", 11, "João da Silva", "100", R"({"discount":"100%"})");      // seq 2, 11/03
    add("operatorx.odd", 11, "João da Silva", "101", R"({"discount":"1000"})");          // seq 3, 12/03
    add("session.signed_in", 12, "ÉRICA MÜLLER", "", R"({"code":"a_b"})");               // seq 4, 13/03
    add("session.signed_out", 12, "ÉRICA MÜLLER", "", R"({"code":"axb"})");              // seq 5, 14/03
    Entry other = entry(2, "operator.created", "100", R"({"name":"Conceição"})");
    append(other);  // another tenant: never in tenant 1's results
  }
  static Query q() {
    Query query;
    query.tenant_id = 1;
    return query;
  }
};

TEST_F(AuditSearchTest, PLT07_NewestFirstAndOnlyTheTenantsEntries) {
  const auto entries = search(q());
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries.front().seq, 5);
  EXPECT_EQ(entries.back().seq, 1);
  for (const auto& e : entries) EXPECT_EQ(e.entry.tenant_id, 1);
}

TEST_F(AuditSearchTest, PLT07_FiltersByActionExactOrPrefix) {
  auto query = q();
  query.action = "operator.created";
  EXPECT_EQ(actions(query), std::vector<std::string>{"operator.created"});
  query.action = "operator.";
  EXPECT_EQ(actions(query), (std::vector<std::string>{"operator.updated", "operator.created"}));
  query.action = "session.";
  EXPECT_EQ(actions(query).size(), 2u);
  query.action = "OPERATOR.";  // codes are case-sensitive on both engines
  EXPECT_TRUE(actions(query).empty());
  query.action = "operator";  // no trailing dot: exact
  EXPECT_TRUE(actions(query).empty());
  query.action = "%.";
  EXPECT_TRUE(actions(query).empty());
}

TEST_F(AuditSearchTest, PLT07_FiltersByActorAndTarget) {
  auto query = q();
  query.actor_id = 11;
  EXPECT_EQ(actions(query), (std::vector<std::string>{"operatorx.odd", "operator.updated"}));
  query = q();
  query.target_type = "operator";
  query.target_id = "100";
  EXPECT_EQ(actions(query), (std::vector<std::string>{"operator.updated", "operator.created"}));
  query.actor_id = 10;
  EXPECT_EQ(actions(query), std::vector<std::string>{"operator.created"});
}

TEST_F(AuditSearchTest, PLT07_TextSearchIgnoresCaseAndAccents) {
  auto matches = [&](std::string text) {
    auto query = q();
    query.text = std::move(text);
    std::vector<std::int64_t> seqs;
    for (const auto& e : search(query)) seqs.push_back(e.seq);
    return seqs;
  };
  using Seqs = std::vector<std::int64_t>;
  EXPECT_EQ(matches("joão"), (Seqs{3, 2}));
  EXPECT_EQ(matches("JOAO"), (Seqs{3, 2}));
  EXPECT_EQ(matches("da silva"), (Seqs{3, 2}));
  EXPECT_EQ(matches("conceicao araujo"), Seqs{1});  // in after_json
  EXPECT_EQ(matches("CONCEIÇÃO"), Seqs{1});
  EXPECT_EQ(matches("érica"), (Seqs{5, 4}));  // stored upper-case with accents
  EXPECT_EQ(matches("Erica Muller"), (Seqs{5, 4}));
  EXPECT_EQ(matches("signed_in"), Seqs{4});  // in the action; '_' is literal
  EXPECT_EQ(matches("a_b"), Seqs{4});
  EXPECT_EQ(matches("100%"), Seqs{2});  // '%' is literal
  EXPECT_EQ(matches("%"), Seqs{2});
  EXPECT_EQ(matches("!"), Seqs{});
  // Characters special to LIKE, GLOB or regular expressions are literal.
  EXPECT_EQ(matches("x.odd"), Seqs{3});
  EXPECT_EQ(matches("."), (Seqs{5, 4, 3, 2, 1}));
  EXPECT_EQ(matches("{\"code\":"), (Seqs{5, 4}));
  for (const char* special : {"*", "?", "[", "]", "(", ")", "\\", "^", "$", "|", "+", ".*", "[a-z]"}) {
    EXPECT_EQ(matches(special), Seqs{}) << special;
  }
  EXPECT_EQ(matches("souza\noperator"), Seqs{});  // never across fields
  EXPECT_EQ(matches("mallory"), Seqs{});
}

TEST_F(AuditSearchTest, PLT07_FiltersByPeriod) {
  auto query = q();
  query.from_us = sao_paulo_start_of_day_us(Date{2026, 3, 11});
  query.to_us = sao_paulo_start_of_day_us(Date{2026, 3, 13});
  std::vector<std::int64_t> seqs;
  for (const auto& e : search(query)) seqs.push_back(e.seq);
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{3, 2}));
}

TEST_F(AuditSearchTest, PLT07_KeysetPaging) {
  auto query = q();
  query.limit = 2;
  std::vector<std::int64_t> seen;
  int pages = 0;
  for (;;) {
    const Page page = db().transact(db::TxMode::read, [&](db::Transaction& tx) { return log_.search_page(tx, query); });
    ++pages;
    for (const auto& e : page.items) seen.push_back(e.seq);
    if (!page.next_before_seq) break;
    query.before_seq = page.next_before_seq;
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, (std::vector<std::int64_t>{5, 4, 3, 2, 1}));

  query = q();
  query.limit = 5;  // exactly the remaining rows: no further page
  const Page page = db().transact(db::TxMode::read, [&](db::Transaction& tx) { return log_.search_page(tx, query); });
  EXPECT_EQ(page.items.size(), 5u);
  EXPECT_FALSE(page.next_before_seq);

  query.limit = 0;  // clamped to 1..500
  EXPECT_EQ(search(query).size(), 1u);
  query.limit = 100'000;
  EXPECT_EQ(search(query).size(), 5u);
}

TEST(AuditEntryFor, PLT07_FillsTheActorFromThePrincipal) {
  http::Request request;
  request.request_id = "req-42";
  request.remote_address = "203.0.113.9";
  auto anonymous = entry_for(request, "session.sign_in_failed", "operator", "7");
  EXPECT_EQ(anonymous.actor_type, "anonymous");
  EXPECT_FALSE(anonymous.actor_id);
  EXPECT_EQ(anonymous.request_id, "req-42");
  EXPECT_EQ(anonymous.ip, "203.0.113.9");
  EXPECT_EQ(anonymous.target_id, "7");

  http::Principal principal;
  principal.tenant_id = 12;
  principal.operator_id = 34;
  principal.name = "Ana Souza";
  request.principal = std::make_shared<const http::Principal>(principal);
  auto by_operator = entry_for(request, "operator.created");
  EXPECT_EQ(by_operator.tenant_id, 12);
  EXPECT_EQ(by_operator.actor_type, "operator");
  EXPECT_EQ(by_operator.actor_id, 34);
  EXPECT_EQ(by_operator.actor_name, "Ana Souza");
  EXPECT_EQ(by_operator.action, "operator.created");

  principal.api_key_id = 56;
  request.principal = std::make_shared<const http::Principal>(principal);
  auto by_key = entry_for(request, "account.opened");
  EXPECT_EQ(by_key.actor_type, "api_key");
  EXPECT_EQ(by_key.actor_id, 56);
  EXPECT_EQ(by_key.actor_name, "Ana Souza");  // the key's owner
}

class AuditRoutesTest : public AuditSearchTest {
 protected:
  void SetUp() override {
    AuditSearchTest::SetUp();
    register_audit_routes(router_, db(), log_, "audit.read");
  }
  http::Response get(std::string path, std::string query_string, std::optional<std::int64_t> tenant_id = 1) {
    http::Request request;
    request.method = "GET";
    request.path = std::move(path);
    request.query_string = std::move(query_string);
    request.target = request.path + "?" + request.query_string;
    request.request_id = "req-test";
    if (tenant_id) {
      http::Principal principal;
      principal.tenant_id = *tenant_id;
      principal.operator_id = 10;
      principal.name = "Ana";
      request.principal = std::make_shared<const http::Principal>(principal);
    }
    const auto match = router_.match(request);
    EXPECT_TRUE(match.route);
    if (!match.route) return {};
    EXPECT_EQ(match.route->permission, "audit.read");
    return match.route->handler(request);
  }
  static boost::json::object body(const http::Response& response) {
    return boost::json::parse(response.body).as_object();
  }
  static std::string error_field(const http::Response& response) {
    return std::string(body(response).at("errors").as_array().at(0).at("field").as_string());
  }

  http::Router router_;
};

TEST_F(AuditRoutesTest, PLT07_ListsTheCallersEntriesWithCursor) {
  auto response = get("/api/v1/audit", "page_size=2");
  ASSERT_EQ(response.status, 200) << response.body;
  auto json = body(response);
  const auto& items = json.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  const auto& first = items[0].as_object();
  EXPECT_EQ(first.at("seq").as_int64(), 5);
  EXPECT_TRUE(first.at("id").is_string());
  EXPECT_EQ(first.at("actor_id").as_string(), "12");
  EXPECT_EQ(first.at("actor_name").as_string(), "ÉRICA MÜLLER");
  EXPECT_EQ(first.at("action").as_string(), "session.signed_out");
  EXPECT_EQ(first.at("at").as_string(), "2026-03-14T12:00:00.000Z");
  EXPECT_TRUE(first.at("before").is_null());
  EXPECT_EQ(first.at("after").as_object().at("code").as_string(), "axb");
  EXPECT_EQ(first.at("hash").as_string().size(), 64u);
  EXPECT_EQ(json.at("next_cursor").as_string(), "4");

  response = get("/api/v1/audit", "page_size=2&cursor=4");
  json = body(response);
  EXPECT_EQ(json.at("items").as_array()[0].at("seq").as_int64(), 3);
  response = get("/api/v1/audit", "page_size=2&cursor=2");
  json = body(response);
  EXPECT_EQ(json.at("items").as_array().size(), 1u);
  EXPECT_TRUE(json.at("next_cursor").is_null());

  // Tenant 2 sees only its own entry, whatever it asks for.
  response = get("/api/v1/audit", "tenant_id=1", 2);
  json = body(response);
  ASSERT_EQ(json.at("items").as_array().size(), 1u);
  EXPECT_EQ(json.at("items").as_array()[0].at("after").at("name").as_string(), "Conceição");
}

TEST_F(AuditRoutesTest, PLT07_FiltersFromTheQueryString) {
  auto seqs = [&](std::string query_string) {
    auto response = get("/api/v1/audit", std::move(query_string));
    EXPECT_EQ(response.status, 200) << response.body;
    std::vector<std::int64_t> out;
    const auto json = body(response);
    for (const auto& item : json.at("items").as_array()) out.push_back(item.at("seq").as_int64());
    return out;
  };
  using Seqs = std::vector<std::int64_t>;
  EXPECT_EQ(seqs("action=operator."), (Seqs{2, 1}));
  EXPECT_EQ(seqs("actor_id=11"), (Seqs{3, 2}));
  EXPECT_EQ(seqs("target_type=operator&target_id=101"), Seqs{3});
  EXPECT_EQ(seqs("q=CONCEI%C3%87%C3%83O"), Seqs{1});
  EXPECT_EQ(seqs("q=100%25"), Seqs{2});
  // Dates are São Paulo days, both ends inclusive.
  EXPECT_EQ(seqs("from=2026-03-11&to=2026-03-12"), (Seqs{3, 2}));
  EXPECT_EQ(seqs("from=2026-03-14"), Seqs{5});
  EXPECT_EQ(seqs("to=2026-03-10"), Seqs{1});
}

TEST_F(AuditRoutesTest, PLT07_InvalidParametersAreNamed) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"from=2026-02-30", "from"},        {"to=yesterday", "to"},     {"from=2026-03-12&to=2026-03-11", "to"},
      {"actor_id=abc", "actor_id"},       {"cursor=0", "cursor"},     {"cursor=x1", "cursor"},
      {"page_size=501", "page_size"},     {"q=" + std::string(201, 'a'), "q"},
      {"q=%C3", "q"},                     {"q=a%00b", "q"},           {"target_id=%80", "target_id"},
  };
  for (const auto& [query_string, field] : cases) {
    const auto response = get("/api/v1/audit", query_string);
    EXPECT_EQ(response.status, 400) << query_string;
    EXPECT_EQ(error_field(response), field) << query_string;
  }
}

TEST_F(AuditRoutesTest, PLT07_NeedsAPrincipal) {
  EXPECT_EQ(get("/api/v1/audit", "", std::nullopt).status, 401);
  EXPECT_EQ(get("/api/v1/audit/verify", "", std::nullopt).status, 401);
}

TEST_F(AuditRoutesTest, PLT07_VerifiesTheCallersChain) {
  auto response = get("/api/v1/audit/verify", "");
  ASSERT_EQ(response.status, 200) << response.body;
  auto json = body(response);
  EXPECT_TRUE(json.at("ok").as_bool());
  EXPECT_EQ(json.at("entries").as_int64(), 5);
  EXPECT_TRUE(json.at("first_broken_seq").is_null());
  EXPECT_TRUE(json.at("problem").is_null());

  execute("UPDATE audit_log SET action = 'operator.deleted' WHERE tenant_id = 1 AND seq = 4");
  json = body(get("/api/v1/audit/verify", ""));
  EXPECT_FALSE(json.at("ok").as_bool());
  EXPECT_EQ(json.at("first_broken_seq").as_int64(), 4);
  EXPECT_EQ(json.at("problem").as_string(), "hash mismatch: row content changed");
  // Tenant 2's chain is untouched.
  EXPECT_TRUE(body(get("/api/v1/audit/verify", "", 2)).at("ok").as_bool());
}

TEST_F(AuditTest, PLT07_VerifyCommandPrintsOneLinePerTenant) {
  std::ostringstream empty;
  EXPECT_EQ(run_verify_audit(db(), empty), 0);
  EXPECT_EQ(empty.str(), "audit trail: no entries\n");

  append_many(12, 3);
  append_many(13, 1);
  std::ostringstream intact;
  EXPECT_EQ(run_verify_audit(db(), intact), 0);
  EXPECT_EQ(intact.str(), "tenant 12: 3 entries, chain intact\ntenant 13: 1 entry, chain intact\n");

  execute("UPDATE audit_log SET at_us = at_us + 1 WHERE tenant_id = 12 AND seq = 2");
  std::ostringstream broken;
  EXPECT_EQ(run_verify_audit(db(), broken), 1);
  EXPECT_EQ(broken.str(),
            "tenant 12: BROKEN at entry 2: hash mismatch: row content changed\ntenant 13: 1 entry, chain intact\n");
}

}  // namespace
}  // namespace rg::audit
