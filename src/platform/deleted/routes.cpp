// HTTP for "Registros Excluídos" (PLT-14): the list across modules and restore.
#include "platform/deleted/routes.hpp"

#include <boost/json.hpp>

#include "http/json.hpp"
#include "platform/tags/model.hpp"

namespace rg::deleted {

namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

Result<DeletedFilter> read_filter(const Request& req, const RecordTypes& types) {
  http::QueryReader q(req);
  DeletedFilter f;
  const auto page = q.page("cursor is not valid.");
  f.limit = page.size;
  f.before_id = page.cursor;
  f.record_type = q.text("type");
  if (f.record_type && !types.find(*f.record_type)) q.fail("type", "Unknown record type.");
  f.deleted_by = q.id("deleted_by", "Must be an operator id.");
  // ?from=&to= are São Paulo calendar dates, both inclusive.
  const auto period = q.period();
  f.from_us = period.from_us;
  f.to_us = period.to_us;
  if (auto error = q.error()) return *error;
  return f;
}

}  // namespace

exports::ListExport deleted_records_export() {
  using exports::ColumnType;
  return {"/api/v1/deleted-records", "deleted_records", "Registros excluídos", "Deleted records",
          {{"record_type_label_pt", "Tipo", "Type", ColumnType::text, 18},
           {"record_id", "Id", "Id", ColumnType::text, 20},
           {"summary", "Registro", "Record", ColumnType::text, 40},
           {"deleted_by_name", "Excluído por", "Deleted by", ColumnType::text, 24},
           {"deleted_at", "Excluído em", "Deleted at", ColumnType::datetime}},
          {}};
}

void register_deleted_routes(http::Router& router, DeletedRecords& service, RoutePermissions p) {
  router.add("GET", "/api/v1/deleted-records/types", p.read, "Record types that can be deleted and restored",
             [&](Request&) {
               json::array items;
               for (const RecordType* t : service.types().all()) {
                 items.push_back(json::object{{"type", t->type}, {"label_pt", t->label_pt}, {"label_en", t->label_en}});
               }
               return http::json(json::object{{"items", std::move(items)}});
             });
  router.add("GET", "/api/v1/deleted-records", p.read, "Deleted records of every module (Registros Excluídos)",
             [&](Request& req) {
               auto filter = read_filter(req, service.types());
               if (!filter) return http::problem_for(req, filter.error());
               const Page page = service.list(req.principal->tenant_id, *filter);
               json::array items;
               for (const auto& d : page.items) items.push_back(json::parse(deleted_record_json(d, service.types())));
               return http::json(json::object{
                   {"items", std::move(items)},
                   {"next_cursor", page.next_before_id ? json::value(std::to_string(*page.next_before_id)) : nullptr}});
             });
  router.add("POST", "/api/v1/deleted-records/{type}/{id}/restore", p.restore, "Restore a deleted record",
             [&](Request& req) {
               auto id = tags::id_from_text(req.param("id"));
               if (!id) return http::problem_for(req, Error::not_found("No deleted record with this type and id."));
               auto restored = service.restore(audit::entry_for(req, ""), std::string(req.param("type")), *id);
               if (!restored) return http::problem_for(req, restored.error());
               return http::json(json::parse(deleted_record_json(*restored, service.types())));
             });
}

}  // namespace rg::deleted
