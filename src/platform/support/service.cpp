#include "platform/support/service.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "http/json.hpp"

namespace rg::support {

namespace json = boost::json;

namespace {

json::value opt(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

bool valid_https_url(const std::string& url) {
  constexpr std::string_view scheme = "https://";
  if (url.rfind(scheme, 0) != 0 || url.size() <= scheme.size() || url.size() > 500) return false;
  const auto host_end = url.find_first_of("/?#", scheme.size());
  const std::string host = url.substr(scheme.size(), host_end == std::string::npos ? std::string::npos
                                                                                     : host_end - scheme.size());
  if (host.empty() || host.find('@') != std::string::npos) return false;
  return std::none_of(url.begin(), url.end(), [](unsigned char c) { return c <= ' ' || c == '"' || c == '<' || c == '>'; });
}

bool plausible_email(const std::string& e) {
  const auto at = e.find('@');
  return at != std::string::npos && at > 0 && e.find('.', at) != std::string::npos && e.back() != '.' &&
         e.size() <= 254 && e.find(' ') == std::string::npos && e.find('@', at + 1) == std::string::npos;
}

bool plausible_phone(const std::string& p) {
  const auto digits = std::count_if(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
  return digits >= 8 && digits <= 15 && p.size() <= 30 &&
         std::all_of(p.begin(), p.end(), [](char c) { return (c >= '0' && c <= '9') || std::string_view("+()- ").find(c) != std::string_view::npos; });
}

}  // namespace

std::string settings_json(const SupportSettings& s) {
  return json::serialize(json::object{
      {"configured", s.configured},
      {"label", s.label},
      {"url", opt(s.url)},
      {"email", opt(s.email)},
      {"phone", opt(s.phone)},
      {"hours", opt(s.hours)},
      {"updated_at", s.updated_at_us ? json::value(format_iso8601_utc(*s.updated_at_us)) : json::value(nullptr)}});
}

Status validate(const SupportSettings& s) {
  std::vector<FieldError> errors;
  if (s.label.empty() || s.label.size() > 60) errors.push_back({"label", "Between 1 and 60 characters."});
  if (s.url && !valid_https_url(*s.url)) errors.push_back({"url", "Use an https:// address."});
  if (s.email && !plausible_email(*s.email)) errors.push_back({"email", "Use a valid e-mail address."});
  if (s.phone && !plausible_phone(*s.phone)) errors.push_back({"phone", "Use 8 to 15 digits, e.g. 0800 123 4567."});
  if (s.hours && s.hours->size() > 200) errors.push_back({"hours", "At most 200 characters."});
  if (!s.url && !s.email && !s.phone) errors.push_back({"url", "Give a link, an e-mail or a phone number."});
  if (errors.empty()) return {};
  return Error{ErrorCode::invalid, errors.front().message, std::move(errors)};
}

SupportService::SupportService(db::Database& db, const Clock& clock, audit::AuditLog& audit)
    : db_(db), clock_(clock), audit_(audit) {}

SupportSettings SupportService::get(std::int64_t tenant_id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    SupportSettings s;
    s.tenant_id = tenant_id;
    auto row = tx.query_one("SELECT label, url, email, phone, hours, updated_at_us FROM support_settings"
                            " WHERE tenant_id = $1",
                            {tenant_id});
    if (!row) return s;
    s.configured = true;
    s.label = row->text(0);
    s.url = row->text_or_null(1);
    s.email = row->text_or_null(2);
    s.phone = row->text_or_null(3);
    s.hours = row->text_or_null(4);
    s.updated_at_us = row->integer(5);
    return s;
  });
}

Result<SupportSettings> SupportService::set(const audit::Entry& who, SupportSettings s) {
  if (auto valid = validate(s); !valid) return valid.error();
  const auto before = get(who.tenant_id);
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<SupportSettings> {
    s.tenant_id = who.tenant_id;
    s.configured = true;
    s.updated_at_us = clock_.now_us();
    tx.execute("INSERT INTO support_settings (tenant_id, label, url, email, phone, hours, updated_by, updated_at_us)"
               " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (tenant_id) DO UPDATE SET label = excluded.label,"
               " url = excluded.url, email = excluded.email, phone = excluded.phone, hours = excluded.hours,"
               " updated_by = excluded.updated_by, updated_at_us = excluded.updated_at_us",
               {s.tenant_id, s.label, s.url, s.email, s.phone, s.hours, who.actor_id, *s.updated_at_us});
    audit_.record(tx, who, "support.updated", "support", std::to_string(s.tenant_id),
                  before.configured ? settings_json(before) : "", settings_json(s));
    return s;
  });
}

void register_support_routes(http::Router& router, SupportService& service, RoutePermissions p) {
  router.add("GET", "/api/v1/support", p.read, "The institution's support contact (console header)",
             [&](http::Request& req) {
               return http::json(json::parse(settings_json(service.get(req.principal->tenant_id))));
             });
  router.add("PUT", "/api/v1/support", p.configure, "Set the support contact", [&](http::Request& req) {
    auto body = http::parse_object(req);
    if (!body) return http::problem_for(req, body.error());
    http::FieldReader in(*body);
    SupportSettings s;
    s.label = in.text("label", {.required = true, .min_length = 1, .max_length = 60}).value_or("");
    auto optional_text = [&](const char* key, std::size_t max) -> std::optional<std::string> {
      auto v = in.text(key, {.max_length = max});
      if (v && v->empty()) return std::nullopt;
      return v;
    };
    s.url = optional_text("url", 500);
    s.email = optional_text("email", 254);
    s.phone = optional_text("phone", 30);
    s.hours = optional_text("hours", 200);
    if (auto error = in.error()) return http::problem_for(req, *error);
    auto saved = service.set(audit::entry_for(req, ""), s);
    if (!saved) return http::problem_for(req, saved.error());
    return http::json(json::parse(settings_json(*saved)));
  });
}

}  // namespace rg::support
