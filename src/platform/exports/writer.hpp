#pragma once
// Table writers for exports: CSV (RFC 4180, UTF-8 with BOM) and XLSX (libxlsxwriter in
// constant_memory mode). Both write to a file row by row, so memory stays flat whatever the size.
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "platform/exports/model.hpp"

namespace rg::exports {

class TableWriter {
 public:
  virtual ~TableWriter() = default;
  // Writes one data row (cells in column order). An error (e.g. XLSX's row limit) stops the export.
  virtual Status row(const std::vector<Cell>& cells) = 0;
  // Flushes and closes the file; nothing may be written afterwards.
  virtual Status finish() = 0;
};

// Opens `path` for writing and writes the header row. `scratch_dir` holds libxlsxwriter's
// temporary files (keep it on the same disk as `path`).
Result<std::unique_ptr<TableWriter>> open_writer(Format format, const std::string& path, const std::string& scratch_dir,
                                                 const std::vector<Column>& columns, Language language);

// CSV dialect per language, chosen for what Excel opens with a double click in that locale:
// pt-BR Excel uses ';' as the list separator (',' is the decimal mark), en-US uses ','.
char csv_delimiter(Language language);
// Appends one field, quoted when it holds the delimiter, a quote, CR or LF (RFC 4180 §2.6–2.7).
void append_csv_field(std::string& out, std::string_view text, char delimiter);
// Appends one cell as CSV text: money as 1234,56 (pt-BR) or 1234.56, dates as 31/12/2026 or
// 2026-12-31, date-times in São Paulo time, booleans Sim/Não or Yes/No. A text that Excel would
// take for a formula (starting with = + - @ or a tab/CR) gets a leading apostrophe (OWASP CSV
// injection advice).
void append_csv_cell(std::string& out, const Column& column, const Cell& cell, Language language);

// Excel's serial day number (days since 1899-12-30, fraction = time of day) of an instant as
// São Paulo wall-clock time, and of a civil date.
double excel_serial_sao_paulo(std::int64_t utc_us);
double excel_serial(Date date);

}  // namespace rg::exports
