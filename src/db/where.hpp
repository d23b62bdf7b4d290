#pragma once
// Builds the SELECT of a list: a fixed head ending in a WHERE clause (a named constant of the
// store) plus " AND …" for each filter that is set, the keyset cursor, and the ORDER BY … LIMIT
// tail. Placeholders are numbered after the parameters the head already binds. A filter that is
// not set adds nothing, so every combination of filters is one distinct SQL text (prepared once
// per connection) and no NULL parameter is bound (PostgreSQL would have to guess its type).
//   db::Where where(deliveries_sql, {tenant_id});  // "SELECT … FROM … WHERE tenant_id = $1"
//   where.equal("status", f.status).period("created_at_us", f.from_us, f.to_us).before("id", f.before_id);
//   for (const auto& row : where.order_by("id DESC", f.limit).query(tx)) …
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/database.hpp"

namespace rg::db {

class Where {
 public:
  Where(std::string head, Params params) : sql_(std::move(head)), params_(std::move(params)) {}

  // Binds `value` as the next parameter and returns its placeholder ("$4"), for a condition that
  // uses it inside a larger expression or more than once.
  std::string bind(Value value);
  // " AND condition", written by the caller (with placeholders from bind()).
  Where& condition(std::string_view condition);
  // " AND column op $n", op being =, <>, <, <=, >, >= or LIKE.
  Where& compare(std::string_view column, std::string_view op, Value value);
  // The same, only when `value` is set.
  template <typename T>
  Where& compare(std::string_view column, std::string_view op, const std::optional<T>& value) {
    if (value) compare(column, op, Value(*value));
    return *this;
  }
  template <typename T>
  Where& equal(std::string_view column, const std::optional<T>& value) {
    return compare(column, "=", value);
  }
  // " AND column IN ($n, …)"; nothing when `values` is empty.
  template <typename T>
  Where& in(std::string_view column, const std::vector<T>& values) {
    if (values.empty()) return *this;
    std::string list;
    for (const auto& value : values) list += (list.empty() ? "" : ", ") + bind(Value(value));
    return condition(std::string(column) + " IN (" + list + ")");
  }
  // A half-open period [from_us, to_us) of a `*_us` column; either end may be open.
  Where& period(std::string_view column, std::optional<std::int64_t> from_us, std::optional<std::int64_t> to_us) {
    return compare(column, ">=", from_us).compare(column, "<", to_us);
  }
  // The keyset cursor: the rows after the previous page's last one, in a list ordered by
  // `column` descending (before) or ascending (after).
  Where& before(std::string_view column, std::optional<std::int64_t> cursor) { return compare(column, "<", cursor); }
  Where& after(std::string_view column, std::optional<std::int64_t> cursor) { return compare(column, ">", cursor); }
  // " GROUP BY columns" of an aggregate query; after the filters, before order_by().
  Where& group_by(std::string_view columns);
  // The tail: " ORDER BY order_by LIMIT $n"; call it last.
  Where& order_by(std::string_view order_by, int limit);

  const std::string& sql() const { return sql_; }
  const Params& params() const { return params_; }
  Rows query(Transaction& tx) const { return tx.query(sql_, params_); }

 private:
  std::string sql_;
  Params params_;
};

}  // namespace rg::db
