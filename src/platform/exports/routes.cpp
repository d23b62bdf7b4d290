#include "platform/exports/routes.hpp"

#include <boost/json.hpp>

#include <filesystem>

#include "core/ids.hpp"
#include "http/json.hpp"

namespace rg::exports {

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using http::Request;
using http::Response;

Response accepted(const ExportRecord& record, const ListExport& list) {
  return http::json(record_json(record, &list), 202);
}

Response export_list(ExportService& service, const ListExport& list, const http::Handler& handler, Request& req) {
  auto options = read_options(req);
  if (!options) return http::problem_for(req, options.error());
  // The list validates its own filters; a bad one answers exactly as the JSON list would.
  Request probe = req;
  const std::string filters = filters_of(req.query_string);
  probe.query_string = filters + (filters.empty() ? "" : "&") + "page_size=1";
  if (Response checked = handler(probe); checked.status != 200) return checked;
  if (!options->async) {
    const std::string path = (fs::path(service.scratch_dir()) / ("sync-" + random_hex(8) + "." + format_name(options->format))).string();
    auto produced = service.produce(list, req, *options, path, service.settings().sync_rows_max);
    std::error_code ec;
    if (!produced) {
      fs::remove(path, ec);
      return http::problem_for(req, produced.error());
    }
    if (!produced->truncated) {
      // Sent from the open file; removing the scratch name now frees the space once it is sent.
      auto response =
          http::file_response(path, content_type(options->format), service.file_name(list, options->format));
      fs::remove(path, ec);
      if (!response) return http::problem_for(req, Error::unavailable("The export file could not be read; try again."));
      service.audit_immediate(req, list, *options, produced->rows);
      return std::move(*response);
    }
    fs::remove(path, ec);  // too large to answer at once: a job writes it
  }
  auto record = service.enqueue(list, req, *options);
  if (!record) return http::problem_for(req, record.error());
  return accepted(*record, list);
}

std::optional<Id> parse_id(std::string_view text) {
  if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  return static_cast<Id>(std::stoll(std::string(text)));
}

}  // namespace

http::Router attach_exports(const http::Router& router, ExportService& service) {
  http::Router out;
  for (const auto& route : router.routes()) {
    ListExport* list = route.method == "GET" ? service.by_route(route.pattern) : nullptr;
    if (!list) {
      out.add(route);
      continue;
    }
    if (!list->rows) list->rows = json_pages(route.handler, list->columns);
    out.add(route.method, route.pattern, route.permission, route.summary,
            [&service, list, handler = route.handler](Request& req) {
              if (!req.query("format")) return handler(req);
              return export_list(service, *list, handler, req);
            });
  }
  for (const auto& list : service.lists()) {
    if (!list->rows) throw std::logic_error("export registered for a route that does not exist: " + list->route);
  }
  return out;
}

void register_export_routes(http::Router& router, ExportService& service, const char* read_permission) {
  router.add("GET", "/api/v1/exports", read_permission, "The caller's background exports, newest first",
             [&service](Request& req) {
               http::QueryReader q(req);
               const auto page = q.page("The cursor is not valid.");
               if (auto error = q.error()) return http::problem_for(req, *error);
               auto records = service.list_own(req, page.cursor, page.size + 1);
               json::value next = nullptr;
               if (records.size() > static_cast<std::size_t>(page.size)) {
                 records.resize(static_cast<std::size_t>(page.size));
                 next = json::value(std::to_string(records.back().id));
               }
               json::array items;
               for (const auto& r : records) items.push_back(record_json(r, service.by_type(r.list_type)));
               return http::json(json::object{{"items", std::move(items)}, {"next_cursor", next}});
             });
  router.add("GET", "/api/v1/exports/{id}/download", read_permission, "Download one of the caller's exports",
             [&service](Request& req) {
               const auto id = parse_id(req.param("id"));
               if (!id) return http::problem_for(req, Error::not_found("Export not found."));
               auto download = service.open_download(req, *id);
               if (!download) return http::problem_for(req, download.error());
               return std::move(*download);
             });
}

}  // namespace rg::exports
