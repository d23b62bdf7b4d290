#pragma once
// Deleted records (PLT-14): plain types, no I/O.
#include <cstdint>
#include <optional>
#include <string>

#include "core/ids.hpp"

namespace rg::deleted {

// One row of the registry: a record of some module that is soft-deleted (or was, until restored).
struct DeletedRecord {
  std::int64_t tenant_id = 0;
  Id id = 0;
  std::string record_type;  // "operator", "webhook_trigger", …
  Id record_id = 0;
  std::string summary;      // what the list shows: a name, a URL
  std::optional<Id> deleted_by;
  std::string deleted_by_name;
  std::int64_t deleted_at_us = 0;
  std::optional<Id> restored_by;
  std::optional<std::int64_t> restored_at_us;
};

struct DeletedFilter {
  std::optional<std::string> record_type;
  std::optional<Id> deleted_by;
  std::optional<std::int64_t> from_us;  // inclusive
  std::optional<std::int64_t> to_us;    // exclusive
  std::optional<Id> before_id;          // keyset cursor, newest first
  int limit = 50;
};

inline constexpr std::size_t summary_chars_max = 300;

}  // namespace rg::deleted
