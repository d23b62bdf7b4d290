#pragma once
// Multi-row statements: one INSERT/UPDATE/SELECT for many rows instead of one per row. A round
// trip per row is what limits batch work on PostgreSQL (each costs a network exchange), and
// statement overhead on SQLite.
//
// Rows are given flat (`columns` values per row) and sent in chunks whose sizes are powers of two
// up to `max_rows` (64 by default): a table's statement then has at most seven distinct texts,
// each prepared once per connection, however many rows a batch has.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace rg::db {

inline constexpr std::size_t bulk_rows_max = 64;

// "($f, $f+1, …), (…)": `rows` rows of `columns` placeholders numbered from $first. With `casts`
// (one SQL type per column, "" for none) each becomes CAST($n AS type) — a VALUES list used as a
// table (UPDATE … FROM (VALUES …)) has no other source of types on PostgreSQL.
std::string values_rows(std::size_t rows, std::size_t columns, std::size_t first = 1,
                        const std::vector<std::string_view>& casts = {});

// "$f, $f+1, …, $f+n-1" (an IN list).
std::string placeholders(std::size_t n, std::size_t first = 1);

// A PostgreSQL array literal ("{1,2,3}", or {"a","b"} quoted and escaped) for one parameter
// cast to BIGINT[] / TEXT[]: a whole key list as one value, read with unnest(CAST($n AS …[])).
std::string array_literal(const std::vector<std::int64_t>& values);
std::string array_literal(const std::vector<std::string>& values);

// Rows in PostgreSQL's COPY text format (tab-separated columns, \N for NULL, backslash escapes),
// for Transaction::copy_rows: the cheapest way to insert thousands of rows into PostgreSQL —
// measured 1.5x faster than one INSERT … SELECT FROM unnest of array parameters, whose text
// arrays the server parses element by element. Append each row's values in column order, then
// end_row().
class CopyRows {
 public:
  void integer(std::optional<std::int64_t> value);  // empty: NULL
  void text(std::string_view value);
  void end_row();
  const std::string& data() const { return data_; }
  std::size_t rows() const { return rows_; }

 private:
  void separate();
  std::string data_;
  std::size_t rows_ = 0;
  bool row_open_ = false;
};

// Runs `sql_for(chunk_rows)` once per chunk with `prefix` followed by the chunk's values, and
// returns every row the statements produced (affected: their sum). sql_for numbers the chunk's
// placeholders from prefix.size() + 1.
Rows run_chunked(Transaction& tx, const Params& prefix, std::size_t columns, const Params& values,
                 const std::function<std::string(std::size_t chunk_rows)>& sql_for,
                 std::size_t max_rows = bulk_rows_max);

}  // namespace rg::db
