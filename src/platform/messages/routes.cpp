#include "platform/messages/routes.hpp"

#include <boost/json.hpp>

#include "http/json.hpp"

namespace rg::messages {

namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

Result<Id> path_id(const Request& req, const char* what) {
  auto id = parse_id(req.param("id"));
  if (!id) return Error::not_found(std::string(what) + " not found.");
  return *id;
}

// An optional nullable instant field: absent → unchanged, null → cleared, text → parsed.
void read_instant(const json::object& body, http::FieldReader& in, const char* key,
                  std::optional<std::optional<std::int64_t>>& out) {
  const auto* v = body.if_contains(key);
  if (!v) return;
  if (v->is_null()) {
    out = std::optional<std::int64_t>{};
  } else if (!v->is_string()) {
    in.fail(key, "Use an ISO 8601 instant or null.");
  } else if (auto at = parse_instant(std::string(v->as_string()), key)) {
    out = std::optional<std::int64_t>{*at};
  } else {
    in.fail(key, at.error().detail);
  }
}

Result<MessageInput> read_input(const Request& req, bool create) {
  auto body = http::parse_object(req);
  if (!body) return body.error();
  http::FieldReader in(*body);
  MessageInput input;
  input.title = in.text("title", {.required = create, .min_length = 1, .max_length = title_length_max});
  input.body = in.text("body", {.required = create, .min_length = 1, .max_length = body_length_max, .trim = false});
  input.severity = in.choice("severity", {"info", "warning"}, create);
  input.audience = in.choice("audience", {"all", "tenants"}, create);
  if (auto ids = in.strings("tenant_ids", false, audience_tenants_max)) {
    std::vector<std::int64_t> tenants;
    for (const auto& text : *ids) {
      auto id = parse_id(text);
      if (!id) {
        in.fail("tenant_ids", "Institution ids are decimal strings.");
        break;
      }
      tenants.push_back(*id);
    }
    input.tenant_ids = std::move(tenants);
  }
  read_instant(*body, in, "publish_from", input.publish_from_us);
  read_instant(*body, in, "publish_until", input.publish_until_us);
  if (auto error = in.error()) return *error;
  return input;
}

Response message_response(const Request& req, const Result<Message>& m, int status = 200) {
  if (!m) return http::problem_for(req, m.error());
  return http::json(json::parse(message_json(*m, true)), status);
}

}  // namespace

void register_message_routes(http::Router& router, MessageService& service, RoutePermissions p) {
  // The operator's inbox.
  router.add("GET", "/api/v1/messages", p.read, "Platform messages for the operator, newest first", [&](Request& req) {
    http::QueryReader q(req);
    InboxFilter f;
    const auto page = q.page();
    f.limit = page.size + 1;
    f.before_id = page.cursor;
    f.viewed = q.boolean("viewed", "Use true or false.");
    f.severity = q.one_of("severity", {"info", "warning"});
    if (auto error = q.error()) return http::problem_for(req, *error);
    return http::json_page(service.inbox(req.principal->tenant_id, req.principal->operator_id, f), page.size,
                           inbox_json, [](const InboxItem& item) { return item.message.id; });
  });
  router.add("GET", "/api/v1/messages/unread-count", p.read, "How many messages the operator has not opened",
             [&](Request& req) {
               const auto c = service.unread(req.principal->tenant_id, req.principal->operator_id);
               return http::json(json::object{{"count", c.count}, {"warnings", c.warnings}});
             });
  router.add("GET", "/api/v1/messages/{id}", p.read, "One message; opening it marks it viewed", [&](Request& req) {
    auto id = path_id(req, "Message");
    if (!id) return http::problem_for(req, id.error());
    auto item = service.open(req.principal->tenant_id, req.principal->operator_id, *id);
    if (!item) return http::problem_for(req, item.error());
    return http::json(json::parse(inbox_json(*item)));
  });

  // Platform administrators: broadcasts.
  router.add("GET", "/api/v1/platform/messages", p.platform_messages, "Every broadcast, newest first",
             [&](Request& req) {
               http::QueryReader q(req);
               const auto page = q.page();
               if (auto error = q.error()) return http::problem_for(req, *error);
               return http::json_page(
                   service.broadcasts(page.cursor, page.size + 1), page.size,
                   [](const Message& m) { return message_json(m, true); }, [](const Message& m) { return m.id; });
             });
  router.add("POST", "/api/v1/platform/messages", p.platform_messages, "Broadcast a message", [&](Request& req) {
    auto input = read_input(req, true);
    if (!input) return http::problem_for(req, input.error());
    return message_response(req, service.create(audit::entry_for(req, ""), *input), 201);
  });
  router.add("GET", "/api/v1/platform/messages/{id}", p.platform_messages, "One broadcast", [&](Request& req) {
    auto id = path_id(req, "Message");
    if (!id) return http::problem_for(req, id.error());
    return message_response(req, service.broadcast(*id));
  });
  router.add("PATCH", "/api/v1/platform/messages/{id}", p.platform_messages, "Change a broadcast",
             [&](Request& req) {
               auto id = path_id(req, "Message");
               if (!id) return http::problem_for(req, id.error());
               auto input = read_input(req, false);
               if (!input) return http::problem_for(req, input.error());
               return message_response(req, service.update(audit::entry_for(req, ""), *id, *input));
             });
  router.add("DELETE", "/api/v1/platform/messages/{id}", p.platform_messages, "Withdraw a broadcast",
             [&](Request& req) {
               auto id = path_id(req, "Message");
               if (!id) return http::problem_for(req, id.error());
               auto s = service.remove(audit::entry_for(req, ""), *id);
               if (!s) return http::problem_for(req, s.error());
               Response r;
               r.status = 204;
               return r;
             });

  // Institutions and their resources.
  router.add("GET", "/api/v1/platform/tenants", p.platform_tenants, "Every institution with its resources",
             [&](Request&) {
               json::array items;
               for (const auto& t : service.tenants()) items.push_back(json::parse(tenant_json(t)));
               return http::json(json::object{{"items", std::move(items)}});
             });
  router.add("PATCH", "/api/v1/platform/tenants/{id}/resources", p.platform_tenants,
             "Switch an institution's resources on or off", [&](Request& req) {
               auto id = path_id(req, "Institution");
               if (!id) return http::problem_for(req, id.error());
               auto body = http::parse_object(req);
               if (!body) return http::problem_for(req, body.error());
               std::map<std::string, bool> wanted;
               for (const auto& [key, value] : *body) {
                 if (!value.is_bool()) {
                   return http::problem_for(req, Error::invalid(std::string(key), "Use true or false."));
                 }
                 wanted[std::string(key)] = value.as_bool();
               }
               if (wanted.empty()) return http::problem_for(req, Error::invalid("body", "Name at least one resource."));
               auto t = service.set_resources(audit::entry_for(req, ""), *id, wanted);
               if (!t) return http::problem_for(req, t.error());
               return http::json(json::parse(tenant_json(*t)));
             });
  router.add("GET", "/api/v1/resources", p.tenant_read, "The institution's resources (on or off)",
             [&](Request& req) {
               json::object out;
               for (const auto& [name, enabled] : service.resources(req.principal->tenant_id)) out[name] = enabled;
               return http::json(json::object{{"resources", std::move(out)}});
             });
}

std::vector<exports::ListExport> message_exports() {
  using exports::ColumnType;
  return {
      {"/api/v1/messages", "messages", "Mensagens", "Messages",
       {{"created_at", "Publicada em", "Published", ColumnType::datetime},
        {"title", "Título", "Title", ColumnType::text, 40},
        {"severity", "Tipo", "Type", ColumnType::text, 10},
        {"viewed", "Vista", "Viewed", ColumnType::boolean},
        {"viewed_at", "Vista em", "Viewed at", ColumnType::datetime},
        {"author_name", "Autor", "Author", ColumnType::text, 20}},
       {}},
      {"/api/v1/platform/messages", "platform_messages", "Mensagens publicadas", "Broadcast messages",
       {{"created_at", "Publicada em", "Published", ColumnType::datetime},
        {"title", "Título", "Title", ColumnType::text, 40},
        {"severity", "Tipo", "Type", ColumnType::text, 10},
        {"audience", "Destinatários", "Audience", ColumnType::text, 12},
        {"publish_from", "Início", "From", ColumnType::datetime},
        {"publish_until", "Fim", "Until", ColumnType::datetime},
        {"views", "Visualizações", "Views", ColumnType::integer},
        {"author_name", "Autor", "Author", ColumnType::text, 20}},
       {}},
  };
}

}  // namespace rg::messages
