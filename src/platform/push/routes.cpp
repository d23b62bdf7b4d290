#include "platform/push/routes.hpp"

#include <boost/json.hpp>

#include "http/json.hpp"

namespace rg::push {

namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

Result<Id> path_id(const Request& req, const char* what) {
  auto id = parse_id(req.param("id"));
  if (!id) return Error::not_found(std::string(what) + " not found.");
  return *id;
}

// page_size, cursor, and the optional customer_ref / status filters of the push lists.
struct ListQuery {
  int page_size = 50;
  std::optional<Id> before_id;
  std::optional<std::string> customer_ref;
  std::optional<std::string> status;
};

Result<ListQuery> list_query(const Request& req, const std::vector<std::string>& statuses) {
  http::QueryReader reader(req);
  ListQuery q;
  const auto page = reader.page();
  q.page_size = page.size;
  q.before_id = page.cursor;
  q.customer_ref = reader.text("customer_ref");
  std::string all;
  for (const auto& v : statuses) all += (all.empty() ? "" : ", ") + v;
  q.status = reader.one_of("status", statuses, "Use one of " + all + ".");
  if (auto error = reader.error()) return *error;
  return q;
}

template <typename T, typename Render>
Response page_of(const std::vector<T>& items, int page_size, Render render) {
  return http::json_page(items, page_size, render, [](const T& item) { return item.id; });
}

}  // namespace

void register_push_routes(http::Router& router, PushService& service, SandboxGateway& gateway, RoutePermissions p) {
  router.add("GET", "/api/v1/push/devices", p.read, "Customers' registered devices", [&](Request& req) {
    auto q = list_query(req, {"active", "invalid", "unregistered", "removed"});
    if (!q) return http::problem_for(req, q.error());
    auto items = service.devices(req.principal->tenant_id,
                                 DeviceFilter{q->customer_ref, q->status, q->before_id, q->page_size + 1});
    return page_of(items, q->page_size, device_json);
  });
  router.add("POST", "/api/v1/push/devices", p.devices, "Register a customer's device token", [&](Request& req) {
    auto body = http::parse_object(req);
    if (!body) return http::problem_for(req, body.error());
    http::FieldReader in(*body);
    auto customer = in.text("customer_ref", {.required = true, .max_length = customer_ref_length_max});
    auto platform = in.choice("platform", {"android", "ios"}, true);
    auto token = in.text("token", {.required = true, .min_length = 8, .max_length = token_length_max});
    if (auto error = in.error()) return http::problem_for(req, *error);
    auto d = service.register_device(audit::entry_for(req, ""), *customer, *platform, *token);
    if (!d) return http::problem_for(req, d.error());
    return http::json(json::parse(device_json(*d)), 201);
  });
  router.add("DELETE", "/api/v1/push/devices/{id}", p.devices, "Remove a device", [&](Request& req) {
    auto id = path_id(req, "Device");
    if (!id) return http::problem_for(req, id.error());
    auto s = service.remove_device(audit::entry_for(req, ""), *id);
    if (!s) return http::problem_for(req, s.error());
    Response r;
    r.status = 204;
    return r;
  });
  router.add("GET", "/api/v1/push/notifications", p.read, "The notification outbox, newest first", [&](Request& req) {
    auto q = list_query(req, {"queued", "sent", "delivered", "failed"});
    if (!q) return http::problem_for(req, q.error());
    auto items = service.notifications(req.principal->tenant_id,
                                       NotificationFilter{q->customer_ref, q->status, q->before_id, q->page_size + 1});
    return page_of(items, q->page_size, [](const Notification& n) { return notification_json(n, nullptr); });
  });
  router.add("POST", "/api/v1/push/notifications", p.send,
             "Send a notification to a customer's devices (needs the messaging resource)", [&](Request& req) {
               auto body = http::parse_object(req);
               if (!body) return http::problem_for(req, body.error());
               http::FieldReader in(*body);
               NotificationInput input;
               input.customer_ref =
                   in.text("customer_ref", {.required = true, .max_length = customer_ref_length_max}).value_or("");
               input.title = in.text("title", {.required = true, .max_length = title_length_max}).value_or("");
               input.body = in.text("body", {.required = true, .max_length = body_length_max}).value_or("");
               if (const auto* data = body->if_contains("data"); data && !data->is_null()) {
                 const auto* object = data->if_object();
                 const bool strings = object && std::all_of(object->begin(), object->end(), [](const auto& kv) {
                                        return kv.value().is_string();
                                      });
                 if (!strings) {
                   in.fail("data", "Use an object whose values are strings, e.g. {\"link\": \"app://extrato\"}.");
                 } else {
                   input.data = json::serialize(*object);
                 }
               }
               if (auto error = in.error()) return http::problem_for(req, *error);
               auto n = service.send(audit::entry_for(req, ""), input);
               if (!n) return http::problem_for(req, n.error());
               return http::json(json::parse(notification_json(*n, nullptr)), 202);
             });
  router.add("GET", "/api/v1/push/notifications/{id}", p.read, "One notification with its per-device deliveries",
             [&](Request& req) {
               auto id = path_id(req, "Notification");
               if (!id) return http::problem_for(req, id.error());
               auto n = service.notification(req.principal->tenant_id, *id);
               if (!n) return http::problem_for(req, n.error());
               return http::json(json::parse(notification_json(n->first, &n->second)));
             });
  router.add("GET", "/api/v1/push/gateway/messages", p.read, "What the sandbox push gateway received",
             [&](Request& req) {
               auto q = list_query(req, {});
               if (!q) return http::problem_for(req, q.error());
               auto items = gateway.received(req.principal->tenant_id, q->before_id, q->page_size + 1);
               return page_of(items, q->page_size, gateway_message_json);
             });
}

std::vector<exports::ListExport> push_exports() {
  using exports::ColumnType;
  return {
      {"/api/v1/push/notifications", "push_notifications", "Notificações push", "Push notifications",
       {{"created_at", "Criada em", "Created at", ColumnType::datetime},
        {"customer_ref", "Cliente", "Customer", ColumnType::text, 20},
        {"title", "Título", "Title", ColumnType::text, 30},
        {"body", "Mensagem", "Message", ColumnType::text, 40},
        {"status", "Situação", "Status", ColumnType::text, 10},
        {"attempts", "Tentativas", "Attempts", ColumnType::integer},
        {"delivered_at", "Entregue em", "Delivered at", ColumnType::datetime},
        {"last_error", "Último erro", "Last error", ColumnType::text, 24},
        {"created_by_name", "Enviada por", "Sent by", ColumnType::text, 20}},
       {}},
      {"/api/v1/push/devices", "push_devices", "Dispositivos de clientes", "Customers' devices",
       {{"customer_ref", "Cliente", "Customer", ColumnType::text, 20},
        {"platform", "Plataforma", "Platform", ColumnType::text, 10},
        {"token_hint", "Token", "Token", ColumnType::text, 10},
        {"status", "Situação", "Status", ColumnType::text, 12},
        {"updated_at", "Atualizado em", "Updated at", ColumnType::datetime}},
       {}},
      {"/api/v1/push/gateway/messages", "push_gateway", "Gateway de push (sandbox)", "Push gateway (sandbox)",
       {{"received_at", "Recebido em", "Received at", ColumnType::datetime},
        {"notification_id", "Notificação", "Notification", ColumnType::text, 20},
        {"platform", "Plataforma", "Platform", ColumnType::text, 10},
        {"token_hint", "Token", "Token", ColumnType::text, 10},
        {"title", "Título", "Title", ColumnType::text, 30},
        {"outcome", "Resultado", "Outcome", ColumnType::text, 16},
        {"delivered_at", "Entregue em", "Delivered at", ColumnType::datetime}},
       {}},
  };
}

}  // namespace rg::push
