#include "db/bulk.hpp"

#include <charconv>

#include <stdexcept>

namespace rg::db {

std::string values_rows(std::size_t rows, std::size_t columns, std::size_t first,
                        const std::vector<std::string_view>& casts) {
  std::string out;
  out.reserve(rows * columns * 8);
  std::size_t n = first;
  for (std::size_t r = 0; r < rows; ++r) {
    out += r == 0 ? "(" : ", (";
    for (std::size_t c = 0; c < columns; ++c, ++n) {
      if (c > 0) out += ", ";
      const bool cast = c < casts.size() && !casts[c].empty();
      if (cast) out += "CAST(";
      out += "$" + std::to_string(n);
      if (cast) {
        out += " AS ";
        out += casts[c];
        out += ")";
      }
    }
    out += ")";
  }
  return out;
}

std::string placeholders(std::size_t n, std::size_t first) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += (i == 0 ? "$" : ", $") + std::to_string(first + i);
  return out;
}

Rows run_chunked(Transaction& tx, const Params& prefix, std::size_t columns, const Params& values,
                 const std::function<std::string(std::size_t chunk_rows)>& sql_for, std::size_t max_rows) {
  if (columns == 0 || values.size() % columns != 0) {
    throw std::invalid_argument("run_chunked: values are not whole rows");
  }
  std::size_t largest = 1;
  while (largest * 2 <= max_rows) largest *= 2;
  Rows out;
  const std::size_t total = values.size() / columns;
  std::size_t done = 0;
  Params params;
  while (done < total) {
    std::size_t chunk = largest;
    while (chunk > total - done) chunk /= 2;
    params.assign(prefix.begin(), prefix.end());
    params.insert(params.end(), values.begin() + static_cast<std::ptrdiff_t>(done * columns),
                  values.begin() + static_cast<std::ptrdiff_t>((done + chunk) * columns));
    auto rows = tx.query(sql_for(chunk), params);
    out.affected += rows.affected;
    if (out.columns.empty()) out.columns = rows.columns;
    for (auto& row : rows.rows) out.rows.push_back(std::move(row));
    done += chunk;
  }
  return out;
}

namespace {

void append_quoted(std::string& out, std::string_view value) {
  out += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string array_literal(const std::vector<std::int64_t>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(values[i]);
  }
  return out + "}";
}

std::string array_literal(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    append_quoted(out, values[i]);
  }
  return out + "}";
}

void CopyRows::separate() {
  if (row_open_) data_ += '\t';
  row_open_ = true;
}

void CopyRows::integer(std::optional<std::int64_t> value) {
  separate();
  if (value) {
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *value);
    data_.append(buf, end);
  } else {
    data_ += "\\N";
  }
}

void CopyRows::text(std::string_view value) {
  separate();
  for (char c : value) {
    switch (c) {
      case '\\': data_ += "\\\\"; break;
      case '\t': data_ += "\\t"; break;
      case '\n': data_ += "\\n"; break;
      case '\r': data_ += "\\r"; break;
      default: data_ += c;
    }
  }
}

void CopyRows::end_row() {
  data_ += '\n';
  row_open_ = false;
  ++rows_;
}

}  // namespace rg::db
