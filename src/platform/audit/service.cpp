#include "platform/audit/service.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "core/hash.hpp"
#include "core/limits.hpp"
#include "platform/audit/store.hpp"

namespace rg::audit {

static_assert(genesis_hash.size() == 64);

namespace {

constexpr int search_limit_max = limits::page_size_max;
constexpr int verify_page_rows = 1000;  // rows held in memory at once while verifying

// Canonical form, version 1. The hash of an entry is the lower-case hex SHA-256 of these bytes:
//
//   "retaguarda.audit.v1\n"
//   then, for each field in this order —
//     tenant_id, seq, id, at_us, actor_type, actor_id, actor_name, action, target_type,
//     target_id, before_json, after_json, request_id, ip, prev_hash
//   — one line "<name>=<n>:<value>\n", where <value> is the field's bytes exactly as stored
//   (integers in base-10 ASCII, '-' for negatives; text as UTF-8) and <n> is its length in
//   bytes in base-10 ASCII; a NULL field is the line "<name>=-\n" instead.
//
// Example: tenant 12's first entry starts "retaguarda.audit.v1\ntenant_id=2:12\nseq=1:1\n…" and
// ends "prev_hash=64:000…000\n". The length prefix makes the encoding unambiguous whatever the
// values contain (newlines, '=' or ':'), and NULL differs from the empty string, so every
// change to a stored field — including prev_hash — changes the hash. `hash` itself is the
// only column not covered.
void put(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += '=';
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}
void put(std::string& out, std::string_view name, std::int64_t value) { put(out, name, std::to_string(value)); }
void put(std::string& out, std::string_view name, const std::optional<std::string>& value) {
  if (value) return put(out, name, std::string_view(*value));
  out += name;
  out += "=-\n";
}
void put(std::string& out, std::string_view name, std::optional<std::int64_t> value) {
  if (value) return put(out, name, *value);
  out += name;
  out += "=-\n";
}

std::optional<std::string> null_if_empty(std::string value) {
  if (value.empty()) return std::nullopt;
  return value;
}

StoredEntry stored_from(Record r) {
  StoredEntry s;
  s.entry.tenant_id = r.tenant_id;
  s.entry.actor_type = std::move(r.actor_type);
  s.entry.actor_id = r.actor_id;
  s.entry.actor_name = r.actor_name.value_or("");
  s.entry.action = std::move(r.action);
  s.entry.target_type = r.target_type.value_or("");
  s.entry.target_id = r.target_id.value_or("");
  s.entry.before_json = r.before_json.value_or("");
  s.entry.after_json = r.after_json.value_or("");
  s.entry.request_id = r.request_id.value_or("");
  s.entry.ip = r.ip.value_or("");
  s.seq = r.seq;
  s.id = r.id;
  s.at_us = r.at_us;
  s.prev_hash = std::move(r.prev_hash);
  s.hash = std::move(r.hash);
  return s;
}

void mark_broken(VerifyReport& report, std::int64_t seq, std::string problem) {
  report.ok = false;
  report.first_broken_seq = seq;
  report.problem = std::move(problem);
}

// Checks one row against the chain so far; false (with the report filled) at the first break.
bool check_record(VerifyReport& report, const Record& record, std::int64_t expected_seq,
                  const std::string& expected_prev_hash) {
  if (record.seq > expected_seq) {
    mark_broken(report, expected_seq, "missing entry");
    return false;
  }
  if (record.seq < expected_seq) {  // only possible for seq <= 0: the chain starts at 1
    mark_broken(report, record.seq, "unexpected entry before entry 1");
    return false;
  }
  if (record.prev_hash != expected_prev_hash) {
    mark_broken(report, record.seq, "prev_hash does not match entry " + std::to_string(record.seq - 1));
    return false;
  }
  if (record_hash(record) != record.hash) {
    mark_broken(report, record.seq, "hash mismatch: row content changed");
    return false;
  }
  return true;
}

// After an intact walk of entries 1..last_seq: the head must record exactly that last entry.
void check_head(VerifyReport& report, const std::optional<store::Head>& head, std::int64_t last_seq,
                const std::string& last_hash) {
  if (!head) {
    if (last_seq > 0) mark_broken(report, last_seq, "head does not match: the chain has no head");
    return;
  }
  if (head->last_seq > last_seq) {
    // Entries were removed from the end of the chain.
    mark_broken(report, last_seq + 1,
                "missing entry: the head records " + std::to_string(head->last_seq) + " entries");
  } else if (head->last_seq < last_seq) {
    mark_broken(report, head->last_seq + 1,
                "head does not match: it records " + std::to_string(head->last_seq) + " entries, the chain has " +
                    std::to_string(last_seq));
  } else if (head->last_hash != last_hash) {
    mark_broken(report, last_seq, "head does not match: its hash differs from entry " + std::to_string(last_seq));
  }
}

VerifyReport verify_chain(db::Transaction& tx, std::int64_t tenant_id) {
  VerifyReport report;
  report.tenant_id = tenant_id;
  // Reading the head first is fine: verify runs in one snapshot (TxMode::read).
  const auto head = store::read_head(tx, tenant_id);
  std::int64_t after_seq = std::numeric_limits<std::int64_t>::min();
  std::int64_t expected_seq = 1;
  std::string expected_prev_hash(genesis_hash);
  for (;;) {
    const auto page = store::chain_page(tx, tenant_id, after_seq, verify_page_rows);
    for (const auto& record : page) {
      ++report.entries;  // counted to the end, even past a break
      if (!report.ok || !check_record(report, record, expected_seq, expected_prev_hash)) continue;
      ++expected_seq;
      expected_prev_hash = record.hash;
    }
    if (static_cast<int>(page.size()) < verify_page_rows) break;
    after_seq = page.back().seq;
  }
  if (report.ok) check_head(report, head, expected_seq - 1, expected_prev_hash);
  return report;
}

}  // namespace

std::string canonical_form(const Record& r) {
  std::string out = "retaguarda.audit.v1\n";
  put(out, "tenant_id", r.tenant_id);
  put(out, "seq", r.seq);
  put(out, "id", r.id);
  put(out, "at_us", r.at_us);
  put(out, "actor_type", std::string_view(r.actor_type));
  put(out, "actor_id", r.actor_id);
  put(out, "actor_name", r.actor_name);
  put(out, "action", std::string_view(r.action));
  put(out, "target_type", r.target_type);
  put(out, "target_id", r.target_id);
  put(out, "before_json", r.before_json);
  put(out, "after_json", r.after_json);
  put(out, "request_id", r.request_id);
  put(out, "ip", r.ip);
  put(out, "prev_hash", std::string_view(r.prev_hash));
  return out;
}

std::string record_hash(const Record& record) { return sha256_hex(canonical_form(record)); }

Entry entry_for(const http::Request& request, std::string action, std::string target_type, std::string target_id) {
  Entry entry;
  if (const auto& p = request.principal) {
    entry.tenant_id = p->tenant_id;
    entry.actor_name = p->name;
    if (p->api_key_id != 0) {
      entry.actor_type = "api_key";
      entry.actor_id = p->api_key_id;
    } else {
      entry.actor_type = "operator";
      entry.actor_id = p->operator_id;
    }
  } else {
    entry.actor_type = "anonymous";
  }
  entry.action = std::move(action);
  entry.target_type = std::move(target_type);
  entry.target_id = std::move(target_id);
  entry.request_id = request.request_id;
  entry.ip = request.remote_address;
  return entry;
}

AuditLog::AuditLog(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

void AuditLog::record(db::Transaction& tx, const Entry& who, std::string action, std::string target_type,
                      std::string target_id, std::string before_json, std::string after_json) {
  Entry entry = who;
  entry.action = std::move(action);
  entry.target_type = std::move(target_type);
  entry.target_id = std::move(target_id);
  entry.before_json = std::move(before_json);
  entry.after_json = std::move(after_json);
  append(tx, std::move(entry));
}

void AuditLog::append(db::Transaction& tx, Entry entry) {
  // Entries are built by code, never from raw input: a missing action is a bug.
  if (entry.action.empty() || entry.actor_type.empty()) {
    throw std::invalid_argument("audit entry needs an action and an actor type");
  }
  const store::Head head = store::lock_head(tx, entry.tenant_id, std::string(genesis_hash));
  Record r;
  r.tenant_id = entry.tenant_id;
  r.seq = head.last_seq + 1;
  r.id = ids_.next();
  r.at_us = clock_.now_us();  // read under the head lock, so time never goes back along a chain
  r.actor_type = std::move(entry.actor_type);
  r.actor_id = entry.actor_id;
  r.actor_name = null_if_empty(std::move(entry.actor_name));
  r.action = std::move(entry.action);
  r.target_type = null_if_empty(std::move(entry.target_type));
  r.target_id = null_if_empty(std::move(entry.target_id));
  r.before_json = null_if_empty(std::move(entry.before_json));
  r.after_json = null_if_empty(std::move(entry.after_json));
  r.request_id = null_if_empty(std::move(entry.request_id));
  r.ip = null_if_empty(std::move(entry.ip));
  r.prev_hash = head.last_hash;
  r.hash = record_hash(r);
  store::insert_record(tx, r);
  store::update_head(tx, r.tenant_id, r.seq, r.hash);
}

std::vector<StoredEntry> AuditLog::search(db::Transaction& tx, const Query& query) {
  const int limit = std::clamp(query.limit, 1, search_limit_max);
  std::vector<StoredEntry> entries;
  for (auto& record : store::search(tx, query, limit)) entries.push_back(stored_from(std::move(record)));
  return entries;
}

Page AuditLog::search_page(db::Transaction& tx, const Query& query) {
  const int limit = std::clamp(query.limit, 1, search_limit_max);
  auto records = store::search(tx, query, limit + 1);  // one more tells whether another page exists
  Page page;
  const bool more = static_cast<int>(records.size()) > limit;
  if (more) records.resize(static_cast<std::size_t>(limit));
  for (auto& record : records) page.items.push_back(stored_from(std::move(record)));
  if (more) page.next_before_seq = page.items.back().seq;
  return page;
}

std::vector<VerifyReport> AuditLog::verify(db::Transaction& tx, std::optional<std::int64_t> tenant_id) {
  std::vector<VerifyReport> reports;
  if (tenant_id) {
    reports.push_back(verify_chain(tx, *tenant_id));
    return reports;
  }
  for (const std::int64_t tenant : store::tenants(tx)) reports.push_back(verify_chain(tx, tenant));
  return reports;
}

}  // namespace rg::audit
