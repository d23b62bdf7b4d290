#pragma once
// The audit trail (PLT-07): append-only and hash-chained, one chain per tenant.
// Each entry stores SHA-256 over its canonical content and the previous entry's hash, so a
// changed, removed or inserted row breaks the chain at that point; verify() names the first
// broken entry.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "http/request.hpp"

namespace rg::audit {

struct Entry {
  std::int64_t tenant_id = 0;
  std::string actor_type = "system";  // operator | api_key | system | anonymous
  std::optional<std::int64_t> actor_id;
  std::string actor_name;
  std::string action;       // e.g. "operator.created", "session.sign_in_failed"
  std::string target_type;  // e.g. "operator"
  std::string target_id;
  std::string before_json;  // "" when not applicable; otherwise a JSON document
  std::string after_json;
  std::string request_id;
  std::string ip;
};

// An entry pre-filled with who/where from the request (principal, request id, remote address).
Entry entry_for(const http::Request& request, std::string action, std::string target_type = "",
                std::string target_id = "");

struct StoredEntry {
  Entry entry;
  std::int64_t seq = 0;
  Id id = 0;
  std::int64_t at_us = 0;
  std::string prev_hash;
  std::string hash;
};

struct Query {
  std::int64_t tenant_id = 0;
  std::optional<std::string> action;       // exact or prefix ending with '.' e.g. "operator."
  std::optional<std::int64_t> actor_id;
  std::optional<std::string> target_type;
  std::optional<std::string> target_id;
  std::optional<std::string> text;          // case- and accent-insensitive match in actor name, action, target, before/after
  std::optional<std::int64_t> from_us;      // inclusive
  std::optional<std::int64_t> to_us;        // exclusive
  std::optional<std::int64_t> before_seq;   // keyset cursor: entries with seq < before_seq
  int limit = 50;
};

// One audit_log row exactly as stored, NULLs kept: what the chain hash covers. Entry fields that
// are "" are stored as NULL.
struct Record {
  std::int64_t tenant_id = 0;
  std::int64_t seq = 0;
  Id id = 0;
  std::int64_t at_us = 0;
  std::string actor_type;
  std::optional<std::int64_t> actor_id;
  std::optional<std::string> actor_name;
  std::string action;
  std::optional<std::string> target_type;
  std::optional<std::string> target_id;
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
  std::optional<std::string> request_id;
  std::optional<std::string> ip;
  std::string prev_hash;
  std::string hash;
};

// The exact bytes hashed for a record (every stored field except `hash`; format documented in
// service.cpp). Changing it breaks the verification of every existing chain.
std::string canonical_form(const Record& record);
// sha256_hex(canonical_form(record)).
std::string record_hash(const Record& record);
// prev_hash of every chain's first entry: 64 '0' characters.
inline constexpr std::string_view genesis_hash = "0000000000000000000000000000000000000000000000000000000000000000";

// A page of search results and the cursor (Query::before_seq) of the next one.
struct Page {
  std::vector<StoredEntry> items;
  std::optional<std::int64_t> next_before_seq;  // empty on the last page
};

struct VerifyReport {
  std::int64_t tenant_id = 0;
  std::int64_t entries = 0;
  bool ok = true;
  std::optional<std::int64_t> first_broken_seq;
  std::string problem;  // what is wrong at first_broken_seq
};

class AuditLog {
 public:
  AuditLog(const Clock& clock, IdGenerator& ids);
  // Appends inside the caller's transaction (the change and its audit entry commit together).
  void append(db::Transaction& tx, Entry entry);
  // The usual case: `who` (from entry_for or a service's caller) did `action` on a target.
  void record(db::Transaction& tx, const Entry& who, std::string action, std::string target_type,
              std::string target_id, std::string before_json = "", std::string after_json = "");
  // Newest first. query.limit is clamped to 1..500.
  std::vector<StoredEntry> search(db::Transaction& tx, const Query& query);
  // The same, plus whether older matches exist (next_before_seq).
  Page search_page(db::Transaction& tx, const Query& query);
  // Checks every tenant's chain (or one tenant's) from the start. With a tenant_id, exactly one
  // report comes back (ok with 0 entries when the tenant has no chain yet). Run it in a
  // TxMode::read transaction so the rows and the heads are one consistent snapshot.
  std::vector<VerifyReport> verify(db::Transaction& tx, std::optional<std::int64_t> tenant_id = std::nullopt);

 private:
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace rg::audit
