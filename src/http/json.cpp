#include "http/json.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/limits.hpp"
#include "http/problem.hpp"

namespace rg::http {

Result<boost::json::object> parse_object(const Request& request) {
  if (request.body.empty()) return Error::invalid("body", "A JSON object is required.");
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(request.body, ec);
  if (ec) return Error::invalid("body", "The body is not valid JSON: " + ec.message() + ".");
  if (!value.is_object()) return Error::invalid("body", "The body must be a JSON object.");
  return std::move(value.as_object());
}

boost::json::value id_or_null(const std::optional<Id>& id) {
  return id ? boost::json::value(std::to_string(*id)) : boost::json::value(nullptr);
}

boost::json::value text_or_null(const std::optional<std::string>& text) {
  return text ? boost::json::value(*text) : boost::json::value(nullptr);
}

boost::json::value time_or_null(const std::optional<std::int64_t>& utc_us) {
  return utc_us ? boost::json::value(format_iso8601_utc(*utc_us)) : boost::json::value(nullptr);
}

Response json(const boost::json::value& value, int status) {
  return Response::json(status, boost::json::serialize(value));
}

Response problem_for(const Request& request, const Error& error) {
  return problem(error, request.path, request.request_id);
}

const boost::json::value* FieldReader::find(std::string_view key, bool required) {
  const auto* v = object_.if_contains(key);
  if (!v || v->is_null()) {
    if (required) fail(std::string(key), "This field is required.");
    return nullptr;
  }
  return v;
}

namespace {

std::string trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (const unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::optional<std::string> FieldReader::text(std::string_view key, TextRules rules) {
  const auto* v = find(key, rules.required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(std::string(key), "Must be a string.");
    return std::nullopt;
  }
  std::string value = rules.trim ? trimmed(v->as_string()) : std::string(v->as_string());
  const std::size_t length = utf8_length(value);
  if (rules.required && value.empty()) {
    fail(std::string(key), "This field is required.");
    return std::nullopt;
  }
  if (length < rules.min_length) {
    fail(std::string(key), "Must have at least " + std::to_string(rules.min_length) + " characters.");
    return std::nullopt;
  }
  if (length > rules.max_length) {
    fail(std::string(key), "Must have at most " + std::to_string(rules.max_length) + " characters.");
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> FieldReader::integer(std::string_view key, IntegerRules rules) {
  const auto* v = find(key, rules.required);
  if (!v) return std::nullopt;
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->as_int64();
  } else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    n = static_cast<std::int64_t>(v->as_uint64());
  } else {
    fail(std::string(key), "Must be an integer.");
    return std::nullopt;
  }
  if (n < rules.min || n > rules.max) {
    fail(std::string(key), "Must be between " + std::to_string(rules.min) + " and " + std::to_string(rules.max) + ".");
    return std::nullopt;
  }
  return n;
}

std::optional<bool> FieldReader::boolean(std::string_view key, bool required) {
  const auto* v = find(key, required);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    fail(std::string(key), "Must be true or false.");
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<std::string> FieldReader::choice(std::string_view key, const std::vector<std::string>& allowed,
                                               bool required) {
  auto value = text(key, TextRules{required, 0, 200, true});
  if (!value) return std::nullopt;
  for (const auto& a : allowed) {
    if (a == *value) return value;
  }
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  fail(std::string(key), "Must be one of: " + list + ".");
  return std::nullopt;
}

std::optional<std::vector<std::string>> FieldReader::strings(std::string_view key, bool required,
                                                             std::size_t max_items) {
  const auto* v = find(key, required);
  if (!v) return std::nullopt;
  if (!v->is_array() || v->as_array().size() > max_items) {
    fail(std::string(key), "Must be a list of at most " + std::to_string(max_items) + " strings.");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) {
      fail(std::string(key), "Must be a list of strings.");
      return std::nullopt;
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

std::optional<Error> FieldReader::error() const {
  if (errors_.empty()) return std::nullopt;
  Error e{ErrorCode::invalid, errors_.size() == 1 ? errors_.front().message : "Some fields are invalid.", errors_};
  return e;
}

namespace {

// Well-formed UTF-8 without control characters: what PostgreSQL accepts as a text parameter and
// what can be stored in text columns.
bool is_clean_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    if (lead < 0x20 || lead == 0x7F) return false;
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

// "a, b or c".
std::string alternatives(const std::vector<std::string>& allowed) {
  std::string out;
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    if (i > 0) out += i + 1 == allowed.size() ? " or " : ", ";
    out += allowed[i];
  }
  return out;
}

std::string message_or(std::string_view message, std::string fallback) {
  return message.empty() ? std::move(fallback) : std::string(message);
}

}  // namespace

void QueryReader::fail(std::string field, std::string message) {
  if (!error_) error_ = Error::invalid(std::move(field), std::move(message));
}

void QueryReader::fail(Error error) {
  if (!error_) error_ = std::move(error);
}

int QueryReader::page_size() {
  auto text = request_.query("page_size");
  if (!text) return limits::page_size_default;
  try {
    std::size_t used = 0;
    const int size = std::stoi(*text, &used);
    if (used == text->size() && size >= 1 && size <= limits::page_size_max) return size;
  } catch (const std::exception&) {
    // Not a number, or out of int's range: the same answer as a number out of range.
  }
  fail("page_size", "page_size must be an integer from 1 to " + std::to_string(limits::page_size_max) + ".");
  return limits::page_size_default;
}

QueryReader::Page QueryReader::page(std::string_view cursor_message) {
  Page page;
  page.size = page_size();
  if (auto text = request_.query("cursor"); text && !text->empty()) {
    page.cursor = parse_id(*text);
    if (!page.cursor) fail("cursor", message_or(cursor_message, "Invalid cursor."));
  }
  return page;
}

std::optional<std::string> QueryReader::text(std::string_view key, TextRules rules) {
  auto value = request_.query(key);
  if (!value || value->empty()) return std::nullopt;
  if (value->size() > rules.max_bytes) {
    fail(std::string(key), message_or(rules.too_long, std::string(key) + " must have at most " +
                                                          std::to_string(rules.max_bytes) + " characters."));
    return std::nullopt;
  }
  if (rules.clean && !is_clean_text(*value)) {
    fail(std::string(key), std::string(key) + " is not valid text.");
    return std::nullopt;
  }
  return value;
}

std::optional<Id> QueryReader::id(std::string_view key, std::string_view message) {
  auto value = text(key);
  if (!value) return std::nullopt;
  auto id = parse_id(*value);
  if (!id) fail(std::string(key), message_or(message, "Must be an id."));
  return id;
}

std::optional<std::int64_t> QueryReader::integer(std::string_view key, std::int64_t min, std::int64_t max,
                                                 std::string_view message) {
  auto value = text(key);
  if (!value) return std::nullopt;
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
  if (ec != std::errc() || end != value->data() + value->size() || n < min || n > max) {
    fail(std::string(key),
         message_or(message, "Must be between " + std::to_string(min) + " and " + std::to_string(max) + "."));
    return std::nullopt;
  }
  return n;
}

std::optional<std::string> QueryReader::one_of(std::string_view key, const std::vector<std::string>& allowed,
                                               std::string_view message) {
  auto value = text(key);
  if (!value) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) return value;
  fail(std::string(key), message_or(message, "Use " + alternatives(allowed) + "."));
  return std::nullopt;
}

std::optional<bool> QueryReader::boolean(std::string_view key, std::string_view message) {
  auto value = text(key);
  if (!value) return std::nullopt;
  if (*value == "true" || *value == "false") return *value == "true";
  fail(std::string(key), message_or(message, "Must be true or false."));
  return std::nullopt;
}

Period QueryReader::period(std::string_view from_key, std::string_view to_key) {
  std::optional<Date> from;
  std::optional<Date> to;
  for (auto [key, date] : {std::pair{from_key, &from}, std::pair{to_key, &to}}) {
    auto value = text(key);
    if (!value) continue;
    auto parsed = parse_iso_date(*value, key);
    if (!parsed) {
      fail(parsed.error());
      return {};
    }
    *date = *parsed;
  }
  if (from && to && *to < *from) {
    fail(std::string(to_key), std::string(to_key) + " must not be before " + std::string(from_key) + ".");
    return {};
  }
  Period period;
  if (from) period.from_us = sao_paulo_start_of_day_us(*from);
  if (to) period.to_us = sao_paulo_start_of_day_us(add_days(*to, 1));
  return period;
}

}  // namespace rg::http
