#pragma once
// The export service (PLT-09): every exportable list registers a ListExport; the service writes
// its rows to CSV or XLSX, at once for small results and as a background job (table `exports`,
// files in the data directory, deleted after the retention period) for large ones.
#include <boost/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "platform/audit/service.hpp"
#include "platform/exports/model.hpp"
#include "platform/jobs/service.hpp"

namespace rg::exports {

struct Settings {
  std::string data_dir = "./data";  // files go to <data_dir>/exports/<tenant_id>/<id>.<format>
  // More rows than this and the request is answered 202 and finished by a job.
  std::int64_t sync_rows_max = 5000;
  int retention_days = 7;
};

// The outcome of writing one export.
struct Produced {
  std::int64_t rows = 0;
  bool truncated = false;  // stopped at the row limit; the file is incomplete
};

// Options of one export request: format, language and whether to go straight to a job.
struct Options {
  Format format = Format::csv;
  Language language = Language::pt_br;
  bool async = false;
};

// Reads format=csv|xlsx, async=true|false and lang=pt-BR|en-US (else Accept-Language, else the
// operator's locale); 400 naming the field otherwise.
Result<Options> read_options(const http::Request& request);

// The default row source: pages through the list's own JSON handler with page_size=500 and its
// next_cursor, mapping each item's fields to the columns.
RowSource json_pages(http::Handler list_handler, std::vector<Column> columns);
// One JSON field as a typed cell (exposed for tests). `item` is the list item.
Cell cell_from_json(const boost::json::object& item, const Column& column);
// "2026-11-22T08:00:12Z" or with fractional seconds, or an offset instead of Z → UTC µs.
std::optional<std::int64_t> parse_iso8601_us(std::string_view text);
// The list's query string without the export's own parameters and pagination.
std::string filters_of(std::string_view query_string);

class ExportService {
 public:
  ExportService(db::Database& db, const Clock& clock, IdGenerator& ids, jobs::JobQueue& jobs, audit::AuditLog& audit,
                Settings settings);

  // At start-up: each list declares its export; attach (routes.hpp) binds the list handlers.
  void add(ListExport spec);
  ListExport* by_route(std::string_view route);
  const ListExport* by_type(std::string_view type) const;
  const std::vector<std::unique_ptr<ListExport>>& lists() const { return lists_; }

  // Writes the rows of `list` for `request` to `path`, at most `row_limit` of them.
  Result<Produced> produce(const ListExport& list, const http::Request& request, const Options& options,
                           const std::string& path, std::int64_t row_limit);
  // Stores a queued export and its job, audited, in one transaction.
  Result<ExportRecord> enqueue(const ListExport& list, const http::Request& request, const Options& options);
  // Audits an export answered at once.
  void audit_immediate(const http::Request& request, const ListExport& list, const Options& options,
                       std::int64_t rows);

  // The caller's own exports, newest first.
  std::vector<ExportRecord> list_own(const http::Request& request, std::optional<std::int64_t> before_id, int limit);
  // One of the caller's own exports as a response with its open file as the body (sent from
  // disk, never loaded), audited only once the file is open; not_found for another operator's
  // or tenant's, conflict while running, once expired or when the file is gone.
  Result<http::Response> open_download(const http::Request& request, Id id);

  // Job kinds: the export itself and the periodic clean-up of expired files.
  void register_jobs();
  Status run(const jobs::Job& job);
  // Deletes expired files; returns how many.
  int expire_due();

  std::string file_path(const ExportRecord& record) const;
  std::string scratch_dir() const;
  std::string file_name(const ListExport& list, Format format) const;
  const Settings& settings() const { return settings_; }

 private:
  void fail(std::int64_t tenant_id, Id id, const std::string& error);

  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  jobs::JobQueue& jobs_;
  audit::AuditLog& audit_;
  Settings settings_;
  std::vector<std::unique_ptr<ListExport>> lists_;
};

// The JSON form of an export record for the API.
boost::json::object record_json(const ExportRecord& record, const ListExport* list);

}  // namespace rg::exports
