// HTTP for tags (PLT-13). Attaching, detaching and listing records by tag also need the record
// type's own read permission (registered with the type), so a tag never reveals a record the
// operator could not see.
#include "platform/tags/routes.hpp"

#include <boost/json.hpp>

#include "http/json.hpp"

namespace rg::tags {

namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

json::value tag_value(const Tag& tag) { return json::parse(tag_json(tag)); }

Response tag_response(const Request& req, const Result<Tag>& tag, int status = 200) {
  if (!tag) return http::problem_for(req, tag.error());
  return http::json(tag_value(*tag), status);
}

Response no_content() {
  Response r;
  r.status = 204;
  return r;
}

Result<Id> tag_id(const Request& req) {
  auto id = id_from_text(req.param("id"));
  if (!id) return Error::not_found("Tag not found.");
  return *id;
}

Result<TagInput> read_input(const Request& req) {
  auto body = http::parse_object(req);
  if (!body) return body.error();
  http::FieldReader in(*body);
  TagInput input;
  // Only types are checked here; the service checks values (lengths in characters, the name
  // required on create), so one 400 names every bad field.
  input.name = in.text("name", {.max_length = 400});
  input.color = in.text("color", {.max_length = 20});
  input.description = in.text("description", {.max_length = 2000});
  if (auto error = in.error()) return *error;
  return input;
}

// The registered type named by `record_type` that the principal may see, or why not.
Result<const RecordType*> visible_type(const Request& req, const RecordTypes& types, std::string_view record_type,
                                       const char* field) {
  const RecordType* type = types.find(std::string(record_type));
  if (!type) return Error::invalid(field, "Unknown record type.");
  if (!req.principal->has(type->permission)) {
    return Error::forbidden("You need the permission '" + type->permission + "' to see these records.");
  }
  return type;
}

Result<TaggedFilter> records_filter(const Request& req, const RecordTypes& types) {
  http::QueryReader q(req);
  TaggedFilter f;
  f.limit = q.page_size();
  // The cursor is "record_type:record_id" of the previous page's last record.
  if (auto cursor = q.text("cursor")) {
    const auto colon = cursor->rfind(':');
    auto id = colon == std::string::npos ? std::nullopt : parse_id(std::string_view(*cursor).substr(colon + 1));
    if (id) {
      f.after = std::pair{cursor->substr(0, colon), *id};
    } else {
      q.fail("cursor", "cursor is not valid.");
    }
  }
  if (auto error = q.error()) return *error;
  if (auto type = req.query("record_type"); type && !type->empty()) {
    auto visible = visible_type(req, types, *type, "record_type");
    if (!visible) return visible.error();
    f.record_type = *type;
  }
  for (const RecordType* type : types.all()) {
    if (req.principal->has(type->permission)) f.record_types.push_back(type->type);
  }
  return f;
}

Result<std::vector<Id>> record_ids(const Request& req) {
  std::vector<Id> ids;
  const std::string text = req.query("record_ids").value_or("");
  std::size_t start = 0;
  while (start < text.size()) {
    const auto comma = std::min(text.find(',', start), text.size());
    auto id = id_from_text(std::string_view(text).substr(start, comma - start));
    if (!id) return Error::invalid("record_ids", "Comma-separated record ids are expected.");
    ids.push_back(*id);
    start = comma + 1;
  }
  if (ids.empty() || ids.size() > record_ids_per_lookup_max) {
    return Error::invalid("record_ids", "Give 1 to " + std::to_string(record_ids_per_lookup_max) + " record ids.");
  }
  return ids;
}

void add_tag_crud(http::Router& router, TagService& service, RoutePermissions p) {
  router.add("GET", "/api/v1/tags", p.read, "The tenant's tags, by name", [&](Request& req) {
    std::optional<std::string> text;
    if (auto q = req.query("q"); q && !q->empty()) text = q->substr(0, 200);
    json::array items;
    for (const auto& tag : service.list(req.principal->tenant_id, text)) items.push_back(tag_value(tag));
    return http::json(json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
  });
  router.add("POST", "/api/v1/tags", p.write, "Create a tag", [&](Request& req) {
    auto input = read_input(req);
    if (!input) return http::problem_for(req, input.error());
    return tag_response(req, service.create(audit::entry_for(req, ""), *input), 201);
  });
  router.add("GET", "/api/v1/tags/{id}", p.read, "One tag", [&](Request& req) {
    auto id = tag_id(req);
    if (!id) return http::problem_for(req, id.error());
    return tag_response(req, service.get(req.principal->tenant_id, *id));
  });
  router.add("PATCH", "/api/v1/tags/{id}", p.write, "Change a tag's name, color or description", [&](Request& req) {
    auto id = tag_id(req);
    if (!id) return http::problem_for(req, id.error());
    auto input = read_input(req);
    if (!input) return http::problem_for(req, input.error());
    return tag_response(req, service.update(audit::entry_for(req, ""), *id, *input));
  });
  router.add("DELETE", "/api/v1/tags/{id}", p.write, "Delete a tag (detaches it from every record)",
             [&](Request& req) {
               auto id = tag_id(req);
               if (!id) return http::problem_for(req, id.error());
               auto removed = service.remove(audit::entry_for(req, ""), *id);
               return removed ? no_content() : http::problem_for(req, removed.error());
             });
}

void add_tagging(http::Router& router, TagService& service, RoutePermissions p) {
  router.add("GET", "/api/v1/tags/{id}/records", p.read, "Records carrying a tag", [&](Request& req) {
    auto id = tag_id(req);
    if (!id) return http::problem_for(req, id.error());
    auto filter = records_filter(req, service.types());
    if (!filter) return http::problem_for(req, filter.error());
    auto page = service.records(req.principal->tenant_id, *id, *filter);
    if (!page) return http::problem_for(req, page.error());
    json::array items;
    for (const auto& r : page->items) {
      items.push_back(json::object{{"record_type", r.record_type},
                                   {"record_id", std::to_string(r.record_id)},
                                   {"label", r.label},
                                   {"tagged_at", format_iso8601_utc(r.tagged_at_us)}});
    }
    return http::json(json::object{{"items", std::move(items)},
                                   {"next_cursor", page->next_cursor ? json::value(*page->next_cursor) : nullptr}});
  });
  router.add("POST", "/api/v1/tags/{id}/records", p.write, "Attach a tag to a record", [&](Request& req) {
    auto id = tag_id(req);
    if (!id) return http::problem_for(req, id.error());
    // Another tenant's (or no) tag is 404 whatever the body says.
    if (auto tag = service.get(req.principal->tenant_id, *id); !tag) return http::problem_for(req, tag.error());
    auto body = http::parse_object(req);
    if (!body) return http::problem_for(req, body.error());
    http::FieldReader in(*body);
    auto record_type = in.text("record_type", {.required = true, .max_length = 60});
    auto record_id_text = in.text("record_id", {.required = true, .max_length = 20});
    std::optional<Id> record_id;
    if (record_id_text && !(record_id = id_from_text(*record_id_text))) in.fail("record_id", "Must be an id.");
    if (auto error = in.error()) return http::problem_for(req, *error);
    auto type = visible_type(req, service.types(), *record_type, "record_type");
    if (!type) return http::problem_for(req, type.error());
    auto attached = service.attach(audit::entry_for(req, ""), *id, *record_type, *record_id);
    if (!attached) return http::problem_for(req, attached.error());
    return http::json(json::object{{"record_type", *record_type}, {"record_id", std::to_string(*record_id)},
                                   {"tag_id", std::to_string(*id)}, {"attached", *attached}},
                      *attached ? 201 : 200);
  });
  router.add("DELETE", "/api/v1/tags/{id}/records/{record_type}/{record_id}", p.write, "Detach a tag from a record",
             [&](Request& req) {
               auto id = tag_id(req);
               if (!id) return http::problem_for(req, id.error());
               auto type = visible_type(req, service.types(), req.param("record_type"), "record_type");
               auto record_id = id_from_text(req.param("record_id"));
               if (!type && type.error().code == ErrorCode::forbidden) return http::problem_for(req, type.error());
               if (!type || !record_id) return http::problem_for(req, Error::not_found("Record not found."));
               auto detached = service.detach(audit::entry_for(req, ""), *id, (*type)->type, *record_id);
               return detached ? no_content() : http::problem_for(req, detached.error());
             });
  router.add("GET", "/api/v1/tag-assignments", p.read, "The tags of several records of one type",
             [&](Request& req) {
               auto type = visible_type(req, service.types(), req.query("record_type").value_or(""), "record_type");
               if (!type) return http::problem_for(req, type.error());
               auto ids = record_ids(req);
               if (!ids) return http::problem_for(req, ids.error());
               json::array items;
               for (const auto& [record_id, tags] : service.tags_of(req.principal->tenant_id, (*type)->type, *ids)) {
                 json::array tag_items;
                 for (const auto& tag : tags) {
                   auto o = tag_value(tag).as_object();
                   o.erase("record_count");  // not counted here
                   tag_items.push_back(std::move(o));
                 }
                 items.push_back(json::object{{"record_type", (*type)->type},
                                              {"record_id", std::to_string(record_id)},
                                              {"tags", std::move(tag_items)}});
               }
               return http::json(json::object{{"items", std::move(items)}});
             });
  router.add("GET", "/api/v1/tag-record-types", p.read, "Record types tags can be attached to", [&](Request& req) {
    json::array items;
    for (const RecordType* t : service.types().all()) {
      if (!req.principal->has(t->permission)) continue;
      items.push_back(json::object{{"type", t->type}, {"label_pt", t->label_pt}, {"label_en", t->label_en}});
    }
    return http::json(json::object{{"items", std::move(items)}});
  });
}

}  // namespace

exports::ListExport tags_export() {
  using exports::ColumnType;
  return {"/api/v1/tags", "tags", "Tags", "Tags",
          {{"name", "Nome", "Name", ColumnType::text, 24},
           {"color", "Cor", "Color", ColumnType::text, 12},
           {"description", "Descrição", "Description", ColumnType::text, 40},
           {"record_count", "Registros", "Records", ColumnType::integer, 10},
           {"created_at", "Criada em", "Created at", ColumnType::datetime},
           {"updated_at", "Alterada em", "Changed at", ColumnType::datetime}},
          {}};
}

void register_tag_routes(http::Router& router, TagService& service, RoutePermissions permissions) {
  add_tag_crud(router, service, permissions);
  add_tagging(router, service, permissions);
}

}  // namespace rg::tags
