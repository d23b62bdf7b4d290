#pragma once
// JSON in and out for handlers: parse a body into an object, read typed fields while collecting
// every field error (so one 400 names all bad fields), render values, and read the query string
// of list endpoints.
#include <boost/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "http/request.hpp"

namespace rg::http {

// Parses the request body as a JSON object; 400 naming "body" otherwise.
Result<boost::json::object> parse_object(const Request& request);

Response json(const boost::json::value& value, int status = 200);

// Optional values as JSON, null when absent: an id as a decimal string, text as is, a UTC
// instant in microseconds as ISO-8601.
boost::json::value id_or_null(const std::optional<Id>& id);
boost::json::value text_or_null(const std::optional<std::string>& text);
boost::json::value time_or_null(const std::optional<std::int64_t>& utc_us);
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

// A keyset page of a list fetched with page_size + 1 rows: one more means there is a next page,
// whose cursor is the id of the last item shown. `render` gives an item's JSON text, `id_of` its
// id. Renders {"items": [...], "next_cursor": "<id>" or null}.
template <typename T, typename Render, typename IdOf>
Response json_page(const std::vector<T>& items, int page_size, Render render, IdOf id_of) {
  boost::json::array out;
  for (std::size_t i = 0; i < items.size() && i < static_cast<std::size_t>(page_size); ++i) {
    out.push_back(boost::json::parse(render(items[i])));
  }
  boost::json::value next = nullptr;
  if (items.size() > static_cast<std::size_t>(page_size)) {
    next = boost::json::value(std::to_string(id_of(items[page_size - 1])));
  }
  return json(boost::json::object{{"items", std::move(out)}, {"next_cursor", next}});
}

// The date-period filter of list endpoints (?from=2026-03-01&to=2026-03-10): São Paulo calendar
// dates (YYYY-MM-DD), both inclusive, as a half-open range of UTC instants for `*_us` columns.
struct Period {
  std::optional<std::int64_t> from_us;  // inclusive: São Paulo midnight starting the first day
  std::optional<std::int64_t> to_us;    // exclusive: São Paulo midnight after the last day
};

// Reads the query string of a list endpoint (DESIGN.md §5: ?page_size=&cursor= plus filters),
// keeping the first error, which names its parameter. An empty value (`?status=`) is the same as
// an absent one. Typical use:
//   http::QueryReader q(req);
//   auto page = q.page();
//   auto status = q.one_of("status", {"queued", "delivered", "failed"});
//   auto trigger = q.id("trigger_id");
//   if (auto error = q.error()) return http::problem_for(req, *error);
// The messages below are the defaults; the optional `message` arguments keep the wording an
// endpoint already answers with.
class QueryReader {
 public:
  struct Page {
    int size = 0;
    std::optional<Id> cursor;  // the id of the previous page's last row
  };
  struct TextRules {
    std::size_t max_bytes = SIZE_MAX;
    bool clean = false;         // well-formed UTF-8 without control characters
    std::string_view too_long = {};  // default "<key> must have at most N characters."
  };

  explicit QueryReader(const Request& request) : request_(request) {}

  // page_size: limits::page_size_default when absent, 1..limits::page_size_max.
  int page_size();
  // page_size and a numeric id cursor; default message "Invalid cursor.".
  Page page(std::string_view cursor_message = {});
  // Text as given (not trimmed); nothing when absent or empty.
  std::optional<std::string> text(std::string_view key, TextRules rules);
  std::optional<std::string> text(std::string_view key) { return text(key, TextRules{}); }
  // A decimal id (see parse_id); default message "Must be an id.".
  std::optional<Id> id(std::string_view key, std::string_view message = {});
  // A decimal integer from min to max; default message "Must be between min and max.".
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max,
                                      std::string_view message = {});
  // One of `allowed`, case-sensitive; default message "Use a, b or c.".
  std::optional<std::string> one_of(std::string_view key, const std::vector<std::string>& allowed,
                                    std::string_view message = {});
  // true or false; default message "Must be true or false.".
  std::optional<bool> boolean(std::string_view key, std::string_view message = {});
  // The dates `from_key` and `to_key`; a malformed date, or `to` before `from`, names its key.
  Period period(std::string_view from_key = "from", std::string_view to_key = "to");

  // Records an error unless one was recorded already (the first error is the one answered).
  void fail(std::string field, std::string message);
  void fail(Error error);
  const std::optional<Error>& error() const { return error_; }

 private:
  const Request& request_;
  std::optional<Error> error_;
};

}  // namespace rg::http
