// The default row source: the list's own JSON handler, page by page.
#include <boost/json.hpp>

#include <charconv>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/limits.hpp"
#include "platform/exports/service.hpp"

namespace rg::exports {

namespace json = boost::json;

namespace {

// Parameters of the export itself, and pagination, which the row source sets on its own.
bool is_export_parameter(std::string_view key) {
  return key == "format" || key == "async" || key == "lang" || key == "page_size" || key == "cursor";
}

std::string percent_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(hex[u >> 4]);
      out.push_back(hex[u & 0xF]);
    }
  }
  return out;
}

const json::value* lookup(const json::object& item, std::string_view key) {
  const json::object* object = &item;
  for (;;) {
    const auto dot = key.find('.');
    const json::value* value = object->if_contains(key.substr(0, dot));
    if (!value || dot == std::string_view::npos) return value;
    if (!value->is_object()) return nullptr;
    object = &value->as_object();
    key = key.substr(dot + 1);
  }
}

std::string as_text(const json::value& value) {
  switch (value.kind()) {
    case json::kind::string: return std::string(value.as_string());
    case json::kind::int64: return std::to_string(value.as_int64());
    case json::kind::uint64: return std::to_string(value.as_uint64());
    case json::kind::bool_: return value.as_bool() ? "true" : "false";
    case json::kind::null: return {};
    case json::kind::array: {
      std::string out;
      for (const auto& element : value.as_array()) {
        if (!out.empty()) out += ", ";
        out += as_text(element);
      }
      return out;
    }
    default: return json::serialize(value);
  }
}

std::optional<std::int64_t> as_integer(const json::value& value) {
  if (value.is_int64()) return value.as_int64();
  if (value.is_uint64() && value.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(value.as_uint64());
  }
  if (value.is_string()) {
    const auto& s = value.as_string();
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec == std::errc() && end == s.data() + s.size()) return n;
  }
  return std::nullopt;
}

Error error_from(const http::Response& response) {
  boost::system::error_code ec;
  auto body = json::parse(response.body, ec);
  std::string detail = "The list answered " + std::to_string(response.status) + ".";
  std::vector<FieldError> fields;
  if (!ec && body.is_object()) {
    if (const auto* d = body.as_object().if_contains("detail"); d && d->is_string()) detail = std::string(d->as_string());
    if (const auto* errors = body.as_object().if_contains("errors"); errors && errors->is_array()) {
      for (const auto& e : errors->as_array()) {
        if (!e.is_object()) continue;
        const auto* field = e.as_object().if_contains("field");
        const auto* message = e.as_object().if_contains("message");
        fields.push_back({field ? as_text(*field) : "", message ? as_text(*message) : ""});
      }
    }
  }
  ErrorCode code = ErrorCode::unavailable;
  if (response.status == 400 || response.status == 422) code = ErrorCode::invalid;
  if (response.status == 404) code = ErrorCode::not_found;
  if (response.status == 403) code = ErrorCode::forbidden;
  if (response.status == 401) code = ErrorCode::unauthorized;
  return Error{code, detail, std::move(fields)};
}

}  // namespace

std::string filters_of(std::string_view query_string) {
  std::string out;
  while (!query_string.empty()) {
    const auto amp = query_string.find('&');
    const std::string_view pair = query_string.substr(0, amp);
    query_string = amp == std::string_view::npos ? std::string_view{} : query_string.substr(amp + 1);
    const std::string key = http::percent_decode(pair.substr(0, pair.find('=')), true);
    if (pair.empty() || is_export_parameter(key)) continue;
    if (!out.empty()) out.push_back('&');
    out.append(pair);
  }
  return out;
}

std::optional<std::int64_t> parse_iso8601_us(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS[.f+](Z|±HH:MM)
  if (t.size() < 20 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') || t[13] != ':' || t[16] != ':') {
    return std::nullopt;
  }
  const auto number = [&](std::size_t at, std::size_t length) -> std::optional<int> {
    int n = 0;
    const auto [end, ec] = std::from_chars(t.data() + at, t.data() + at + length, n);
    if (ec != std::errc() || end != t.data() + at + length) return std::nullopt;
    return n;
  };
  auto year = number(0, 4), month = number(5, 2), day = number(8, 2);
  auto hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  if (!year || !month || !day || !hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  const Date date{*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day)};
  if (!is_valid_date(date)) return std::nullopt;
  std::size_t at = 19;
  std::int64_t fraction_us = 0;
  if (at < t.size() && t[at] == '.') {
    std::int64_t scale = 100'000;
    for (++at; at < t.size() && std::isdigit(static_cast<unsigned char>(t[at])); ++at) {
      fraction_us += (t[at] - '0') * scale;
      scale /= 10;
    }
  }
  std::int64_t offset_us = 0;
  if (at < t.size() && t[at] == 'Z' && at + 1 == t.size()) {
    offset_us = 0;
  } else if (at + 6 == t.size() && (t[at] == '+' || t[at] == '-') && t[at + 3] == ':') {
    auto oh = number(at + 1, 2), om = number(at + 4, 2);
    if (!oh || !om) return std::nullopt;
    offset_us = ((*oh * 60LL) + *om) * 60 * microseconds_per_second * (t[at] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  const std::int64_t seconds = to_days(date) * 86'400 + *hour * 3600LL + *minute * 60LL + *second;
  return seconds * microseconds_per_second + fraction_us - offset_us;
}

Cell cell_from_json(const json::object& item, const Column& column) {
  const json::value* value = lookup(item, column.key);
  if (!value || value->is_null()) return std::monostate{};
  switch (column.type) {
    case ColumnType::text:
    case ColumnType::date: return as_text(*value);
    case ColumnType::integer:
    case ColumnType::money_centavos:
      if (auto n = as_integer(*value)) return *n;
      return as_text(*value);
    case ColumnType::datetime:
      if (value->is_string()) {
        if (auto us = parse_iso8601_us(value->as_string())) return *us;
      }
      return as_text(*value);
    case ColumnType::boolean:
      if (value->is_bool()) return value->as_bool();
      if (auto n = as_integer(*value)) return *n != 0;
      return as_text(*value);
  }
  return std::monostate{};
}

RowSource json_pages(http::Handler list_handler, std::vector<Column> columns) {
  return [handler = std::move(list_handler), columns = std::move(columns)](const http::Request& request,
                                                                          RowSink& sink) -> Status {
    const std::string filters = filters_of(request.query_string);
    std::optional<std::string> cursor;
    std::vector<Cell> cells(columns.size());
    for (;;) {
      http::Request page = request;
      page.query_string = filters + (filters.empty() ? "" : "&") + "page_size=" +
                          std::to_string(limits::page_size_max) + (cursor ? "&cursor=" + percent_encode(*cursor) : "");
      page.target = page.path + "?" + page.query_string;
      const http::Response response = handler(page);
      if (response.status != 200) return error_from(response);
      boost::system::error_code ec;
      const json::value body = json::parse(response.body, ec);
      if (ec || !body.is_object()) return Error::internal("the list did not answer a JSON object");
      const auto* items = body.as_object().if_contains("items");
      if (!items || !items->is_array()) return Error::internal("the list answered no items array");
      for (const auto& item : items->as_array()) {
        if (!item.is_object()) continue;
        for (std::size_t c = 0; c < columns.size(); ++c) cells[c] = cell_from_json(item.as_object(), columns[c]);
        if (!sink.add(cells)) return {};
      }
      const auto* next = body.as_object().if_contains("next_cursor");
      if (!next || !next->is_string() || next->as_string().empty()) return {};
      std::string next_cursor(next->as_string());
      if (cursor && *cursor == next_cursor) return Error::internal("the list repeated its cursor");
      cursor = std::move(next_cursor);
    }
  };
}

}  // namespace rg::exports
