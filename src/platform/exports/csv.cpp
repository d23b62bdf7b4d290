#include <charconv>
#include <cstdio>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "platform/exports/writer.hpp"

namespace rg::exports {

char csv_delimiter(Language language) { return language == Language::pt_br ? ';' : ','; }

void append_csv_field(std::string& out, std::string_view text, char delimiter) {
  if (text.find_first_of(std::string{delimiter, '"', '\r', '\n'}) == std::string_view::npos) {
    out.append(text);
    return;
  }
  out.push_back('"');
  for (const char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

namespace {

void append_int(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}

void append_two(std::string& out, unsigned value) {
  out.push_back(static_cast<char>('0' + value / 10 % 10));
  out.push_back(static_cast<char>('0' + value % 10));
}

void append_date(std::string& out, Date d, Language language) {
  if (language == Language::pt_br) {
    append_two(out, d.day);
    out.push_back('/');
    append_two(out, d.month);
    out.push_back('/');
    append_int(out, d.year);
  } else {
    append_int(out, d.year);
    out.push_back('-');
    append_two(out, d.month);
    out.push_back('-');
    append_two(out, d.day);
  }
}

void append_datetime(std::string& out, std::int64_t utc_us, Language language) {
  const std::int64_t local_us = utc_us + sao_paulo_utc_offset_us;
  std::int64_t days = local_us / microseconds_per_day;
  std::int64_t rest_us = local_us % microseconds_per_day;
  if (rest_us < 0) {
    rest_us += microseconds_per_day;
    --days;
  }
  append_date(out, from_days(days), language);
  const auto seconds = static_cast<unsigned>(rest_us / microseconds_per_second);
  out.push_back(' ');
  append_two(out, seconds / 3600);
  out.push_back(':');
  append_two(out, seconds / 60 % 60);
  out.push_back(':');
  append_two(out, seconds % 60);
}

void append_money(std::string& out, std::int64_t cents, Language language) {
  // Division by a negative number rounds towards zero in C++, so work on the magnitude.
  const bool negative = cents < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
  if (negative) out.push_back('-');
  char buffer[24];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, magnitude / 100);
  out.append(buffer, end);
  out.push_back(language == Language::pt_br ? ',' : '.');
  append_two(out, static_cast<unsigned>(magnitude % 100));
}

bool looks_like_formula(std::string_view text) {
  return !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                           text[0] == '\t' || text[0] == '\r');
}

}  // namespace

void append_csv_cell(std::string& out, const Column& column, const Cell& cell, Language language) {
  const char delimiter = csv_delimiter(language);
  if (std::holds_alternative<std::monostate>(cell)) return;
  if (const auto* b = std::get_if<bool>(&cell)) {
    out.append(*b ? (language == Language::pt_br ? "Sim" : "Yes") : (language == Language::pt_br ? "Não" : "No"));
    return;
  }
  if (const auto* n = std::get_if<std::int64_t>(&cell)) {
    switch (column.type) {
      case ColumnType::money_centavos: append_money(out, *n, language); return;
      case ColumnType::datetime: append_datetime(out, *n, language); return;
      default: append_int(out, *n); return;
    }
  }
  const auto& text = std::get<std::string>(cell);
  if (column.type == ColumnType::date) {
    if (auto date = parse_iso_date(text)) {
      append_date(out, *date, language);
      return;
    }
  }
  if (looks_like_formula(text)) {
    std::string guarded = "'" + text;
    append_csv_field(out, guarded, delimiter);
    return;
  }
  append_csv_field(out, text, delimiter);
}

namespace {

constexpr std::size_t flush_bytes = 1 << 16;

class CsvWriter final : public TableWriter {
 public:
  CsvWriter(std::FILE* file, std::vector<Column> columns, Language language)
      : file_(file), columns_(std::move(columns)), language_(language) {
    buffer_.reserve(flush_bytes + 4096);
  }
  ~CsvWriter() override {
    if (file_) std::fclose(file_);
  }

  Status header() {
    buffer_.append("\xEF\xBB\xBF");  // UTF-8 BOM: Excel otherwise reads the file as Windows-1252
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (i) buffer_.push_back(csv_delimiter(language_));
      const auto& c = columns_[i];
      append_csv_field(buffer_, language_ == Language::pt_br ? c.header_pt : c.header_en, csv_delimiter(language_));
    }
    buffer_.append("\r\n");
    return {};
  }

  Status row(const std::vector<Cell>& cells) override {
    const char delimiter = csv_delimiter(language_);
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (i) buffer_.push_back(delimiter);
      if (i < cells.size()) append_csv_cell(buffer_, columns_[i], cells[i], language_);
    }
    buffer_.append("\r\n");
    if (buffer_.size() >= flush_bytes) return flush();
    return {};
  }

  Status finish() override {
    auto flushed = flush();
    const int closed = std::fclose(file_);
    file_ = nullptr;
    if (!flushed) return flushed;
    if (closed != 0) return Error::unavailable("could not close the export file");
    return {};
  }

 private:
  Status flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      return Error::unavailable("could not write the export file (disk full?)");
    }
    buffer_.clear();
    return {};
  }

  std::FILE* file_;
  std::vector<Column> columns_;
  Language language_;
  std::string buffer_;
};

}  // namespace

Result<std::unique_ptr<TableWriter>> open_csv_writer(const std::string& path, const std::vector<Column>& columns,
                                                     Language language) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return Error::unavailable("could not create the export file");
  auto writer = std::make_unique<CsvWriter>(file, columns, language);
  if (auto status = writer->header(); !status) return status.error();
  return std::unique_ptr<TableWriter>(std::move(writer));
}

}  // namespace rg::exports
