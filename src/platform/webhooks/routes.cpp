#include "platform/webhooks/routes.hpp"

#include <boost/json.hpp>

#include "http/json.hpp"
#include "platform/tags/model.hpp"

namespace rg::webhooks {

namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

// Event types are dotted ASCII names of at most 200 characters (see simulate): anything else
// cannot match, and control characters or invalid UTF-8 must not reach the database.
constexpr std::size_t event_type_chars_max = 200;

bool is_event_type_text(std::string_view text) {
  if (text.size() > event_type_chars_max) return false;
  for (const char c : text) {
    if (c < 0x21 || c > 0x7E) return false;
  }
  return true;
}

Result<Id> path_id(const Request& req, const char* what) {
  auto id = parse_id(req.param("id"));
  if (!id) return Error::not_found(std::string(what) + " not found.");
  return *id;
}

Response trigger_response(const Request& req, const Result<Trigger>& t, bool with_secret, int status = 200) {
  if (!t) return http::problem_for(req, t.error());
  auto body = json::parse(trigger_json(*t)).as_object();
  if (with_secret) body["secret"] = t->secret;
  return http::json(body, status);
}

// One delivery with its body and, when given, its attempt log.
Response delivery_response(const Request& req, const Result<Delivery>& d, int status = 200,
                           const std::vector<Attempt>& attempts = {}) {
  if (!d) return http::problem_for(req, d.error());
  auto body = json::parse(delivery_json(*d, true)).as_object();
  body["attempt_log"] = json::parse(attempts_json(attempts));
  return http::json(body, status);
}

Result<TriggerInput> read_input(const Request& req, bool create) {
  auto body = http::parse_object(req);
  if (!body) return body.error();
  http::FieldReader in(*body);
  TriggerInput input;
  input.url = in.text("url", {.required = create, .min_length = 1, .max_length = 2000});
  input.description = in.text("description", {.max_length = 500});
  input.event_types = in.strings("event_types", create, 100);
  input.active = in.boolean("active");
  if (auto error = in.error()) return *error;
  return input;
}

}  // namespace

void register_webhook_routes(http::Router& router, WebhookService& service, RoutePermissions p) {
  router.add("GET", "/api/v1/webhooks/event-types", p.read, "Event types a trigger can subscribe to",
             [&](Request&) {
               json::array items;
               for (const auto& type : service.catalog().all()) {
                 boost::system::error_code ec;
                 auto sample = json::parse(type.sample_payload, ec);
                 items.push_back(json::object{{"type", type.type},
                                              {"description_pt", type.description_pt},
                                              {"description_en", type.description_en},
                                              {"sample_payload", ec ? json::value(nullptr) : sample}});
               }
               return http::json(json::object{{"items", std::move(items)}});
             });
  router.add("GET", "/api/v1/webhooks/triggers", p.read, "The tenant's webhook triggers", [&](Request& req) {
    http::QueryReader q(req);
    TriggerFilter f;
    f.active = q.boolean("active", "Use true or false.");
    f.event_type = q.text("event_type");
    if (f.event_type && !is_event_type_text(*f.event_type)) {
      q.fail("event_type", "event_type is not a valid event type.");
    }
    f.tag_id = q.id("tag", "Must be a tag id.");
    if (auto error = q.error()) return http::problem_for(req, *error);
    json::array items;
    for (const auto& t : service.list(req.principal->tenant_id, f)) items.push_back(json::parse(trigger_json(t)));
    return http::json(json::object{{"items", std::move(items)}});
  });
  router.add("POST", "/api/v1/webhooks/triggers", p.write, "Create a trigger (the secret is shown once)",
             [&](Request& req) {
               auto input = read_input(req, true);
               if (!input) return http::problem_for(req, input.error());
               return trigger_response(req, service.create(audit::entry_for(req, ""), *input), true, 201);
             });
  router.add("GET", "/api/v1/webhooks/triggers/{id}", p.read, "One trigger", [&](Request& req) {
    auto id = path_id(req, "Trigger");
    if (!id) return http::problem_for(req, id.error());
    return trigger_response(req, service.get(req.principal->tenant_id, *id), false);
  });
  router.add("PATCH", "/api/v1/webhooks/triggers/{id}", p.write, "Change a trigger", [&](Request& req) {
    auto id = path_id(req, "Trigger");
    if (!id) return http::problem_for(req, id.error());
    auto input = read_input(req, false);
    if (!input) return http::problem_for(req, input.error());
    return trigger_response(req, service.update(audit::entry_for(req, ""), *id, *input), false);
  });
  router.add("DELETE", "/api/v1/webhooks/triggers/{id}", p.write, "Delete a trigger", [&](Request& req) {
    auto id = path_id(req, "Trigger");
    if (!id) return http::problem_for(req, id.error());
    auto s = service.remove(audit::entry_for(req, ""), *id);
    if (!s) return http::problem_for(req, s.error());
    Response r;
    r.status = 204;
    return r;
  });
  router.add("POST", "/api/v1/webhooks/triggers/{id}/rotate-secret", p.write,
             "A new signing secret (shown once)", [&](Request& req) {
               auto id = path_id(req, "Trigger");
               if (!id) return http::problem_for(req, id.error());
               return trigger_response(req, service.rotate_secret(audit::entry_for(req, ""), *id), true);
             });
  router.add("POST", "/api/v1/webhooks/triggers/{id}/simulate", p.write,
             "Send a test delivery of an event type's sample payload", [&](Request& req) {
               auto id = path_id(req, "Trigger");
               if (!id) return http::problem_for(req, id.error());
               // Another tenant's (or no) trigger is 404 whatever the body says.
               if (auto t = service.get(req.principal->tenant_id, *id); !t) return http::problem_for(req, t.error());
               auto body = http::parse_object(req);
               if (!body) return http::problem_for(req, body.error());
               http::FieldReader in(*body);
               auto type = in.text("event_type", {.required = true, .min_length = 1, .max_length = 200});
               if (auto error = in.error()) return http::problem_for(req, *error);
               return delivery_response(req, service.simulate(audit::entry_for(req, ""), *id, *type), 202);
             });
  router.add("GET", "/api/v1/webhooks/deliveries", p.read, "Deliveries, newest first", [&](Request& req) {
    http::QueryReader q(req);
    DeliveryFilter f;
    const auto page = q.page();
    f.limit = page.size + 1;
    f.before_id = page.cursor;
    f.trigger_id = q.id("trigger_id", "Invalid trigger id.");
    f.status = q.one_of("status", {"queued", "delivered", "failed"});
    f.event_type = q.text("event_type");
    if (f.event_type && !is_event_type_text(*f.event_type)) {
      q.fail("event_type", "event_type is not a valid event type.");
    }
    // created_from/created_to are São Paulo calendar dates, both inclusive.
    const auto period = q.period("created_from", "created_to");
    f.created_from_us = period.from_us;
    f.created_to_us = period.to_us;
    if (auto error = q.error()) return http::problem_for(req, *error);
    return http::json_page(
        service.deliveries(req.principal->tenant_id, f), page.size,
        [](const Delivery& d) { return delivery_json(d, false); }, [](const Delivery& d) { return d.id; });
  });
  router.add("GET", "/api/v1/webhooks/deliveries/{id}", p.read, "One delivery with its body", [&](Request& req) {
    auto id = path_id(req, "Delivery");
    if (!id) return http::problem_for(req, id.error());
    auto d = service.delivery(req.principal->tenant_id, *id);
    if (!d) return http::problem_for(req, d.error());
    return delivery_response(req, d, 200, service.attempts(req.principal->tenant_id, *id));
  });
  router.add("POST", "/api/v1/webhooks/deliveries/{id}/resend", p.write, "Deliver the same body again",
             [&](Request& req) {
               auto id = path_id(req, "Delivery");
               if (!id) return http::problem_for(req, id.error());
               return delivery_response(req, service.resend(audit::entry_for(req, ""), *id), 202);
             });
}

std::vector<exports::ListExport> webhook_exports() {
  using exports::ColumnType;
  return {
      {"/api/v1/webhooks/triggers", "webhook_triggers", "Gatilhos (webhooks)", "Webhook triggers",
       {{"description", "Descrição", "Description", ColumnType::text, 30},
        {"url", "URL", "URL", ColumnType::text, 40},
        {"event_types", "Eventos", "Events", ColumnType::text, 40},
        {"active", "Ativo", "Active", ColumnType::boolean},
        {"created_at", "Criado em", "Created at", ColumnType::datetime},
        {"updated_at", "Alterado em", "Updated at", ColumnType::datetime}},
       {}},
      {"/api/v1/webhooks/deliveries", "webhook_deliveries", "Entregas de webhooks", "Webhook deliveries",
       {{"created_at", "Criada em", "Created at", ColumnType::datetime},
        {"event_type", "Evento", "Event", ColumnType::text, 24},
        {"trigger_id", "Gatilho", "Trigger", ColumnType::text, 20},
        {"status", "Status", "Status", ColumnType::text, 10},
        {"attempts", "Tentativas", "Attempts", ColumnType::integer},
        {"last_status_code", "Último código HTTP", "Last HTTP status", ColumnType::integer},
        {"last_latency_ms", "Latência (ms)", "Latency (ms)", ColumnType::integer},
        {"is_test", "Teste", "Test", ColumnType::boolean},
        {"delivered_at", "Entregue em", "Delivered at", ColumnType::datetime},
        {"last_error", "Último erro", "Last error", ColumnType::text, 30}},
       {}},
  };
}

}  // namespace rg::webhooks
