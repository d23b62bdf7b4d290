#pragma once
// Exports (PLT-09): plain types, no I/O. A list endpoint declares its columns and where its rows
// come from; the export service turns them into CSV or XLSX, synchronously for small results and
// as a background job for large ones.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "http/request.hpp"

namespace rg::exports {

enum class ColumnType { text, integer, money_centavos, date, datetime, boolean };

struct Column {
  std::string key;        // field of the list's JSON item; "a.b" reaches into objects
  std::string header_pt;  // header row, pt-BR
  std::string header_en;  // header row, en-US
  ColumnType type = ColumnType::text;
  int width = 0;  // characters; 0 → a default for the type
};

// One cell: nothing, text (also a date as "YYYY-MM-DD"), an integer (also centavos and datetimes
// as UTC microseconds) or a boolean. The column type says how to read it.
using Cell = std::variant<std::monostate, std::string, std::int64_t, bool>;

// Receives rows in order; returns false to stop early (the export reached its synchronous limit).
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual bool add(const std::vector<Cell>& row) = 0;
};

// Produces the rows of one export with the same filters and the same principal as the list. The
// request is the list request itself (synchronous exports) or a rebuilt one (background jobs).
using RowSource = std::function<Status(const http::Request& request, RowSink& sink)>;

// What a list endpoint registers to become exportable.
struct ListExport {
  std::string route;     // the list's route pattern, e.g. "/api/v1/audit"
  std::string type;      // short name for files and the "Exportações" screen, e.g. "audit"
  std::string title_pt;  // "Trilha de auditoria"
  std::string title_en;  // "Audit trail"
  std::vector<Column> columns;
  // Empty: page through the list's own JSON handler (page_size=500, next_cursor), so an export
  // shows exactly what the list shows — same query, same tenant filter, same masking.
  RowSource rows;
};

enum class Format { csv, xlsx };
const char* format_name(Format format);
const char* content_type(Format format);

enum class Language { pt_br, en_us };
const char* language_tag(Language language);

// One background export, as stored (table `exports`).
struct ExportRecord {
  std::int64_t tenant_id = 0;
  Id id = 0;
  std::int64_t requested_by = 0;  // operator id
  std::string requested_by_name;
  std::string list_type;  // ListExport::type
  std::string format;     // csv | xlsx
  std::string query_string;
  std::string locale;       // pt-BR | en-US
  std::string permissions;  // JSON array: the requester's permissions when asking
  std::string status;       // queued | running | done | failed | expired
  std::optional<std::int64_t> row_count;
  std::optional<std::int64_t> size_bytes;
  std::string file_name;
  std::optional<std::string> error;
  std::int64_t created_at_us = 0;
  std::optional<std::int64_t> finished_at_us;
  std::optional<std::int64_t> expires_at_us;
};

inline constexpr const char* run_kind = "exports.run";
inline constexpr const char* expire_kind = "exports.expire";

}  // namespace rg::exports
