#pragma once
// JSON in and out for handlers: parse a body into an object, read typed fields while collecting
// every field error (so one 400 names all bad fields), and render values.
#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "http/request.hpp"

namespace rg::http {

// Parses the request body as a JSON object; 400 naming "body" otherwise.
Result<boost::json::object> parse_object(const Request& request);

Response json(const boost::json::value& value, int status = 200);
// Renders a Result: the value as JSON, or the error as problem+json.
Response problem_for(const Request& request, const Error& error);

// Reads fields of a JSON object, collecting errors. Typical use:
//   FieldReader in(body);
//   auto name = in.text("name", {.required = true, .max_length = 120});
//   auto limit = in.integer("daily_query_limit");
//   if (auto error = in.error()) return *error;
class FieldReader {
 public:
  struct TextRules {
    bool required = false;
    std::size_t min_length = 0;
    std::size_t max_length = 1000;
    bool trim = true;
  };
  struct IntegerRules {
    bool required = false;
    std::int64_t min = INT64_MIN;
    std::int64_t max = INT64_MAX;
  };

  explicit FieldReader(const boost::json::object& object) : object_(object) {}

  std::optional<std::string> text(std::string_view key, TextRules rules);
  std::optional<std::string> text(std::string_view key) { return text(key, TextRules{}); }
  std::optional<std::int64_t> integer(std::string_view key, IntegerRules rules);
  std::optional<std::int64_t> integer(std::string_view key) { return integer(key, IntegerRules{}); }
  std::optional<bool> boolean(std::string_view key, bool required = false);
  // One of `allowed`, case-sensitive.
  std::optional<std::string> choice(std::string_view key, const std::vector<std::string>& allowed, bool required = false);
  std::optional<std::vector<std::string>> strings(std::string_view key, bool required = false, std::size_t max_items = 500);
  bool has(std::string_view key) const { return object_.contains(key); }

  void fail(std::string field, std::string message) { errors_.push_back({std::move(field), std::move(message)}); }
  // The collected errors as one `invalid` Error, or nothing when every field was fine.
  std::optional<Error> error() const;

 private:
  const boost::json::value* find(std::string_view key, bool required);
  const boost::json::object& object_;
  std::vector<FieldError> errors_;
};

// Query-string helpers for list endpoints: page_size (1..limits::page_size_max) and cursor.
struct PageRequest {
  int page_size = 50;
  std::optional<std::string> cursor;
};
Result<PageRequest> page_request(const Request& request);

}  // namespace rg::http
