#include <xlsxwriter.h>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "platform/exports/writer.hpp"

namespace rg::exports {

Result<std::unique_ptr<TableWriter>> open_csv_writer(const std::string& path, const std::vector<Column>& columns,
                                                     Language language);

namespace {

// Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in), i.e. 25 569 days before
// the Unix epoch.
constexpr double excel_epoch_offset_days = 25569.0;
// Excel stores at most 32 767 characters per cell.
constexpr std::size_t cell_chars_max = 32767;

int default_width(ColumnType type) {
  switch (type) {
    case ColumnType::integer: return 12;
    case ColumnType::money_centavos: return 16;
    case ColumnType::date: return 12;
    case ColumnType::datetime: return 20;
    case ColumnType::boolean: return 10;
    case ColumnType::text: return 24;
  }
  return 16;
}

// XML 1.0 (the sheet's format) cannot carry control characters other than tab, LF and CR.
std::string cell_text(const std::string& text) {
  std::string out = text.size() > cell_chars_max ? text.substr(0, cell_chars_max) : text;
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') c = ' ';
  }
  // Do not end in the middle of a UTF-8 sequence after cutting.
  while (text.size() > cell_chars_max && !out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) {
    out.pop_back();
  }
  if (text.size() > cell_chars_max && !out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  return out;
}

class XlsxWriter final : public TableWriter {
 public:
  XlsxWriter(lxw_workbook* workbook, std::vector<Column> columns, Language language)
      : workbook_(workbook), columns_(std::move(columns)), language_(language) {}
  ~XlsxWriter() override {
    if (workbook_) workbook_close(workbook_);
  }

  Status start(const std::string& sheet_name) {
    sheet_ = workbook_add_worksheet(workbook_, sheet_name.c_str());
    if (!sheet_) return Error::internal("could not add the worksheet");
    bold_ = workbook_add_format(workbook_);
    format_set_bold(bold_);
    money_ = workbook_add_format(workbook_);
    format_set_num_format(money_, "\"R$\" #,##0.00");
    date_ = workbook_add_format(workbook_);
    format_set_num_format(date_, language_ == Language::pt_br ? "dd/mm/yyyy" : "yyyy-mm-dd");
    datetime_ = workbook_add_format(workbook_);
    format_set_num_format(datetime_, language_ == Language::pt_br ? "dd/mm/yyyy hh:mm:ss" : "yyyy-mm-dd hh:mm:ss");
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const auto& column = columns_[c];
      const int width = column.width > 0 ? column.width : default_width(column.type);
      worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr);
    }
    // constant_memory mode writes each row once it is left, so the header goes first.
    worksheet_freeze_panes(sheet_, 1, 0);
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const auto& column = columns_[c];
      const std::string header = language_ == Language::pt_br ? column.header_pt : column.header_en;
      worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(c), cell_text(header).c_str(), bold_);
    }
    return {};
  }

  Status row(const std::vector<Cell>& cells) override {
    if (next_row_ >= LXW_ROW_MAX) {
      return Error::invalid("format", "XLSX holds at most 1 048 575 rows; export this list as CSV.");
    }
    for (std::size_t c = 0; c < columns_.size() && c < cells.size(); ++c) {
      write_cell(next_row_, static_cast<lxw_col_t>(c), columns_[c], cells[c]);
    }
    ++next_row_;
    return {};
  }

  Status finish() override {
    if (!columns_.empty()) {
      worksheet_autofilter(sheet_, 0, 0, next_row_ > 1 ? next_row_ - 1 : 1, static_cast<lxw_col_t>(columns_.size() - 1));
    }
    const lxw_error error = workbook_close(workbook_);
    workbook_ = nullptr;
    if (error != LXW_NO_ERROR) return Error::unavailable(std::string("could not write the XLSX file: ") + lxw_strerror(error));
    return {};
  }

 private:
  void write_cell(lxw_row_t r, lxw_col_t c, const Column& column, const Cell& cell) {
    if (std::holds_alternative<std::monostate>(cell)) return;
    if (const auto* b = std::get_if<bool>(&cell)) {
      worksheet_write_boolean(sheet_, r, c, *b ? 1 : 0, nullptr);
      return;
    }
    if (const auto* n = std::get_if<std::int64_t>(&cell)) {
      switch (column.type) {
        case ColumnType::money_centavos:
          worksheet_write_number(sheet_, r, c, static_cast<double>(*n) / 100.0, money_);
          return;
        case ColumnType::datetime:
          worksheet_write_number(sheet_, r, c, excel_serial_sao_paulo(*n), datetime_);
          return;
        default: worksheet_write_number(sheet_, r, c, static_cast<double>(*n), nullptr); return;
      }
    }
    const auto& text = std::get<std::string>(cell);
    if (column.type == ColumnType::date) {
      if (auto date = parse_iso_date(text)) {
        worksheet_write_number(sheet_, r, c, excel_serial(*date), date_);
        return;
      }
    }
    // write_string never makes a formula of "=…", so no CSV-style guard is needed here.
    worksheet_write_string(sheet_, r, c, cell_text(text).c_str(), nullptr);
  }

  lxw_workbook* workbook_;
  std::vector<Column> columns_;
  Language language_;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* money_ = nullptr;
  lxw_format* date_ = nullptr;
  lxw_format* datetime_ = nullptr;
  lxw_row_t next_row_ = 1;
};

}  // namespace

double excel_serial(Date date) { return static_cast<double>(to_days(date)) + excel_epoch_offset_days; }

double excel_serial_sao_paulo(std::int64_t utc_us) {
  const std::int64_t local_us = utc_us + sao_paulo_utc_offset_us;
  return static_cast<double>(local_us) / static_cast<double>(microseconds_per_day) + excel_epoch_offset_days;
}

Result<std::unique_ptr<TableWriter>> open_writer(Format format, const std::string& path, const std::string& scratch_dir,
                                                 const std::vector<Column>& columns, Language language) {
  if (format == Format::csv) return open_csv_writer(path, columns, language);
  std::string tmpdir = scratch_dir;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = tmpdir.empty() ? nullptr : tmpdir.data();

  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (!workbook) return Error::unavailable("could not create the XLSX file");
  auto writer = std::make_unique<XlsxWriter>(workbook, columns, language);
  if (auto status = writer->start(language == Language::pt_br ? "Exportação" : "Export"); !status) {
    return status.error();
  }
  return std::unique_ptr<TableWriter>(std::move(writer));
}

}  // namespace rg::exports
