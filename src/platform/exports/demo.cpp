#include "platform/exports/demo.hpp"

#include <boost/json.hpp>

namespace rg::exports {

bool load_demo_exports(ExportService& service, std::shared_ptr<const http::Principal> manager, std::ostream& out) {
  http::Request request;
  request.method = "GET";
  request.request_id = "demo-loader";
  request.principal = std::move(manager);
  if (!service.list_own(request, std::nullopt, 1).empty()) return true;
  struct Wanted {
    const char* type;
    Format format;
    const char* filters;
  };
  for (const Wanted& wanted : {Wanted{"audit", Format::xlsx, ""}, Wanted{"operators", Format::csv, "status=active"}}) {
    const ListExport* list = service.by_type(wanted.type);
    if (!list) continue;
    request.path = list->route;
    request.query_string = wanted.filters;
    auto record = service.enqueue(*list, request, Options{wanted.format, Language::pt_br, true});
    if (!record) {
      out << "demo: export " << wanted.type << ": " << record.error().detail << "\n";
      return false;
    }
    // Run it now, so the file exists before the server starts; the queued job then finds it done.
    const std::string payload = boost::json::serialize(boost::json::object{{"export_id", std::to_string(record->id)}});
    if (auto ran = service.run(jobs::Job{record->tenant_id, 0, run_kind, payload, 1, 1}); !ran) {
      out << "demo: export " << wanted.type << ": " << ran.error().detail << "\n";
      return false;
    }
  }
  return true;
}

}  // namespace rg::exports
