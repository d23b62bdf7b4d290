#include "db/where.hpp"

namespace rg::db {

std::string Where::bind(Value value) {
  params_.push_back(std::move(value));
  return "$" + std::to_string(params_.size());
}

Where& Where::condition(std::string_view condition) {
  sql_ += " AND ";
  sql_ += condition;
  return *this;
}

Where& Where::compare(std::string_view column, std::string_view op, Value value) {
  const std::string placeholder = bind(std::move(value));
  return condition(std::string(column) + " " + std::string(op) + " " + placeholder);
}

Where& Where::group_by(std::string_view columns) {
  sql_ += " GROUP BY ";
  sql_ += columns;
  return *this;
}

Where& Where::order_by(std::string_view order_by, int limit) {
  const std::string placeholder = bind(limit);
  sql_ += " ORDER BY ";
  sql_ += order_by;
  sql_ += " LIMIT " + placeholder;
  return *this;
}

}  // namespace rg::db
