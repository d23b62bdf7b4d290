#include "platform/exports/service.hpp"

#include <boost/json.hpp>

#include <filesystem>
#include <system_error>

#include "core/log.hpp"
#include "platform/exports/store.hpp"
#include "platform/exports/writer.hpp"

namespace rg::exports {

namespace fs = std::filesystem;
namespace json = boost::json;

const char* format_name(Format format) { return format == Format::csv ? "csv" : "xlsx"; }
const char* content_type(Format format) {
  return format == Format::csv ? "text/csv; charset=utf-8"
                               : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
const char* language_tag(Language language) { return language == Language::pt_br ? "pt-BR" : "en-US"; }

namespace {

constexpr int expire_batch_max = 500;
constexpr std::int64_t expire_period_ms = 60LL * 60 * 1000;
constexpr int run_attempts_max = 3;

Result<Language> read_language(const http::Request& request) {
  if (auto lang = request.query("lang"); lang && !lang->empty()) {
    if (*lang == "pt-BR") return Language::pt_br;
    if (*lang == "en-US") return Language::en_us;
    return Error::invalid("lang", "lang must be pt-BR or en-US.");
  }
  const std::string_view accept = request.header("Accept-Language");
  if (accept.starts_with("en")) return Language::en_us;
  if (accept.starts_with("pt")) return Language::pt_br;
  if (request.principal && request.principal->locale == "en-US") return Language::en_us;
  return Language::pt_br;
}

// Rows counted into a writer, stopping after `limit`.
class WriterSink final : public RowSink {
 public:
  WriterSink(TableWriter& writer, std::int64_t limit) : writer_(writer), limit_(limit) {}
  bool add(const std::vector<Cell>& row) override {
    if (rows_ >= limit_) {
      truncated_ = true;
      return false;
    }
    status_ = writer_.row(row);
    if (!status_) return false;
    ++rows_;
    return true;
  }
  std::int64_t rows() const { return rows_; }
  bool truncated() const { return truncated_; }
  const Status& status() const { return status_; }

 private:
  TableWriter& writer_;
  std::int64_t limit_;
  std::int64_t rows_ = 0;
  bool truncated_ = false;
  Status status_;
};

std::string permissions_json(const http::Principal& principal) {
  json::array out;
  for (const auto& p : principal.permissions) out.push_back(json::string(p));
  return json::serialize(out);
}

// The request a job replays: the stored filters and a principal with the requester's
// permissions at the time they asked.
http::Request replay_request(const ExportRecord& record, const ListExport& list) {
  auto principal = std::make_shared<http::Principal>();
  principal->tenant_id = record.tenant_id;
  principal->operator_id = record.requested_by;
  principal->name = record.requested_by_name;
  principal->locale = record.locale;
  boost::system::error_code ec;
  auto permissions = json::parse(record.permissions, ec);
  if (!ec && permissions.is_array()) {
    for (const auto& p : permissions.as_array()) {
      if (p.is_string()) principal->permissions.emplace_back(p.as_string());
    }
  }
  std::sort(principal->permissions.begin(), principal->permissions.end());
  http::Request request;
  request.method = "GET";
  request.path = list.route;
  request.route = list.route;
  request.query_string = record.query_string;
  request.target = list.route + (record.query_string.empty() ? "" : "?" + record.query_string);
  request.request_id = "export-" + std::to_string(record.id);
  request.principal = std::move(principal);
  return request;
}

std::string two(unsigned n) { return std::string{static_cast<char>('0' + n / 10 % 10), static_cast<char>('0' + n % 10)}; }

}  // namespace

Result<Options> read_options(const http::Request& request) {
  Options options;
  const auto format = request.query("format");
  if (!format || (*format != "csv" && *format != "xlsx")) return Error::invalid("format", "format must be csv or xlsx.");
  options.format = *format == "csv" ? Format::csv : Format::xlsx;
  if (auto async = request.query("async"); async && !async->empty()) {
    if (*async == "true" || *async == "1") {
      options.async = true;
    } else if (*async != "false" && *async != "0") {
      return Error::invalid("async", "async must be true or false.");
    }
  }
  auto language = read_language(request);
  if (!language) return language.error();
  options.language = *language;
  return options;
}

ExportService::ExportService(db::Database& db, const Clock& clock, IdGenerator& ids, jobs::JobQueue& jobs,
                             audit::AuditLog& audit, Settings settings)
    : db_(db), clock_(clock), ids_(ids), jobs_(jobs), audit_(audit), settings_(std::move(settings)) {}

void ExportService::add(ListExport spec) {
  if (by_route(spec.route) || by_type(spec.type)) throw std::logic_error("export registered twice: " + spec.route);
  lists_.push_back(std::make_unique<ListExport>(std::move(spec)));
}

ListExport* ExportService::by_route(std::string_view route) {
  for (auto& list : lists_) {
    if (list->route == route) return list.get();
  }
  return nullptr;
}

const ListExport* ExportService::by_type(std::string_view type) const {
  for (const auto& list : lists_) {
    if (list->type == type) return list.get();
  }
  return nullptr;
}

std::string ExportService::scratch_dir() const {
  const fs::path dir = fs::path(settings_.data_dir) / "exports" / "tmp";
  std::error_code ec;
  fs::create_directories(dir, ec);
  return dir.string();
}

std::string ExportService::file_path(const ExportRecord& record) const {
  return (fs::path(settings_.data_dir) / "exports" / std::to_string(record.tenant_id) /
          (std::to_string(record.id) + "." + record.format))
      .string();
}

std::string ExportService::file_name(const ListExport& list, Format format) const {
  // São Paulo wall-clock time, as the operator reads it: audit_2026-12-01_1405.xlsx
  const std::int64_t local_us = clock_.now_us() + sao_paulo_utc_offset_us;
  const Date date = sao_paulo_date(clock_.now_us());
  const auto minutes = static_cast<unsigned>(((local_us / microseconds_per_second) % 86'400 + 86'400) % 86'400 / 60);
  return list.type + "_" + format_iso_date(date) + "_" + two(minutes / 60) + two(minutes % 60) + "." +
         format_name(format);
}

Result<Produced> ExportService::produce(const ListExport& list, const http::Request& request, const Options& options,
                                        const std::string& path, std::int64_t row_limit) {
  auto writer = open_writer(options.format, path, scratch_dir(), list.columns, options.language);
  if (!writer) return writer.error();
  WriterSink sink(**writer, row_limit);
  const Status source = list.rows(request, sink);
  if (!sink.status()) return sink.status().error();
  if (!source) return source.error();
  if (auto finished = (*writer)->finish(); !finished) return finished.error();
  return Produced{sink.rows(), sink.truncated()};
}

Result<ExportRecord> ExportService::enqueue(const ListExport& list, const http::Request& request,
                                            const Options& options) {
  const http::Principal& who = *request.principal;
  ExportRecord record;
  record.tenant_id = who.tenant_id;
  record.id = ids_.next();
  record.requested_by = who.operator_id;
  record.requested_by_name = who.name;
  record.list_type = list.type;
  record.format = format_name(options.format);
  record.query_string = filters_of(request.query_string);
  record.locale = language_tag(options.language);
  record.permissions = permissions_json(who);
  record.status = "queued";
  record.file_name = file_name(list, options.format);
  record.created_at_us = clock_.now_us();
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<ExportRecord> {
    store::insert(tx, record);
    const std::string payload = json::serialize(json::object{{"export_id", std::to_string(record.id)}});
    auto job = jobs_.enqueue(tx, jobs::JobSpec{run_kind, payload, record.tenant_id, 0, 0, {}});
    if (!job) return job.error();
    const std::string after = json::serialize(json::object{
        {"type", list.type}, {"format", record.format}, {"filters", record.query_string}, {"async", true}});
    audit_.record(tx, audit::entry_for(request, ""), "export.requested", "export", std::to_string(record.id), "",
                  after);
    return record;
  });
}

void ExportService::audit_immediate(const http::Request& request, const ListExport& list, const Options& options,
                                    std::int64_t rows) {
  const std::string after = json::serialize(json::object{{"type", list.type},
                                                         {"format", format_name(options.format)},
                                                         {"filters", filters_of(request.query_string)},
                                                         {"rows", rows}});
  db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    audit_.record(tx, audit::entry_for(request, ""), "export.downloaded", "list", list.type, "", after);
  });
}

std::vector<ExportRecord> ExportService::list_own(const http::Request& request, std::optional<std::int64_t> before_id,
                                                  int limit) {
  const auto& who = *request.principal;
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    return store::list_for(tx, who.tenant_id, who.operator_id, before_id, limit);
  });
}

Result<http::Response> ExportService::open_download(const http::Request& request, Id id) {
  const auto& who = *request.principal;
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<http::Response> {
    auto record = store::find(tx, who.tenant_id, id);
    // Another operator's export is as invisible as another tenant's: the file holds data their
    // list permissions showed to the requester, not necessarily to the caller.
    if (!record || record->requested_by != who.operator_id) return Error::not_found("Export not found.");
    if (record->status == "expired" || (record->expires_at_us && *record->expires_at_us <= clock_.now_us())) {
      return Error::conflict("This export expired; export the list again.");
    }
    if (record->status != "done") return Error::conflict("This export is not ready (status " + record->status + ").");
    // Opened before the audit entry: once open, the expiry job deleting it cannot cut the download.
    const Format format = record->format == "csv" ? Format::csv : Format::xlsx;
    auto response = http::file_response(file_path(*record), content_type(format), record->file_name);
    if (!response) {
      if (response.error().code != ErrorCode::not_found) return response.error();
      return Error::conflict("This export's file is no longer available.");
    }
    audit_.record(tx, audit::entry_for(request, ""), "export.downloaded", "export", std::to_string(id));
    return response;
  });
}

void ExportService::register_jobs() {
  jobs_.register_kind(
      run_kind, [this](const jobs::Job& job) { return run(job); }, run_attempts_max,
      [this](db::Transaction& tx, const jobs::Job& job, const std::string& error) {
        boost::system::error_code ec;
        const auto payload = json::parse(job.payload, ec);
        if (ec || !payload.is_object()) return;
        const auto* id = payload.as_object().if_contains("export_id");
        if (!id || !id->is_string()) return;
        store::mark_failed(tx, job.tenant_id, std::stoll(std::string(id->as_string())), error, clock_.now_us());
      });
  jobs_.register_periodic(expire_kind, expire_period_ms, [this](const jobs::Job&) -> Status {
    expire_due();
    return {};
  });
}

void ExportService::fail(std::int64_t tenant_id, Id id, const std::string& error) {
  db_.transact(db::TxMode::write, [&](db::Transaction& tx) { store::mark_failed(tx, tenant_id, id, error, clock_.now_us()); });
  log::warn("export.failed", {{"tenant_id", tenant_id}, {"export_id", std::to_string(id)}, {"error", error}});
}

Status ExportService::run(const jobs::Job& job) {
  boost::system::error_code ec;
  const auto payload = json::parse(job.payload, ec);
  const json::value* id_value = !ec && payload.is_object() ? payload.as_object().if_contains("export_id") : nullptr;
  if (!id_value || !id_value->is_string()) return Error::invalid("payload", "export_id missing");
  const Id id = std::stoll(std::string(id_value->as_string()));
  auto record = db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> std::optional<ExportRecord> {
    auto found = store::find(tx, job.tenant_id, id);
    if (!found || !store::mark_running(tx, job.tenant_id, id)) return std::nullopt;
    return found;
  });
  if (!record) return {};  // finished, failed or gone: nothing to do
  const ListExport* list = by_type(record->list_type);
  if (!list) {
    fail(job.tenant_id, id, "This list cannot be exported any more.");
    return {};
  }
  const http::Request request = replay_request(*record, *list);
  const std::string path = file_path(*record);
  const std::string partial = path + ".part";
  std::error_code fs_error;
  fs::create_directories(fs::path(path).parent_path(), fs_error);
  if (fs_error) return Error::unavailable("cannot create " + fs::path(path).parent_path().string());
  const Options options{record->format == "csv" ? Format::csv : Format::xlsx,
                        record->locale == "en-US" ? Language::en_us : Language::pt_br, true};
  auto produced = produce(*list, request, options, partial, INT64_MAX);
  if (!produced) {
    fs::remove(partial, fs_error);
    const ErrorCode code = produced.error().code;
    // Bad filters or a list that refuses the requester will not get better with a retry.
    if (code == ErrorCode::invalid || code == ErrorCode::not_found || code == ErrorCode::forbidden ||
        code == ErrorCode::unauthorized) {
      fail(job.tenant_id, id, produced.error().detail);
      return {};
    }
    return produced.error();
  }
  fs::rename(partial, path, fs_error);
  if (fs_error) return Error::unavailable("cannot move the export file into place");
  const auto size = static_cast<std::int64_t>(fs::file_size(path, fs_error));
  const std::int64_t now = clock_.now_us();
  db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    store::mark_done(tx, job.tenant_id, id, produced->rows, size, now,
                     now + settings_.retention_days * microseconds_per_day);
  });
  log::info("export.done", {{"tenant_id", job.tenant_id}, {"export_id", std::to_string(id)}, {"rows", produced->rows}});
  return {};
}

int ExportService::expire_due() {
  int removed = 0;
  for (;;) {
    auto due = db_.transact(db::TxMode::read,
                            [&](db::Transaction& tx) { return store::expired(tx, clock_.now_us(), expire_batch_max); });
    for (const auto& record : due) {
      std::error_code ec;
      fs::remove(file_path(record), ec);
      db_.transact(db::TxMode::write,
                   [&](db::Transaction& tx) { store::mark_expired(tx, record.tenant_id, record.id); });
      ++removed;
    }
    if (due.size() < static_cast<std::size_t>(expire_batch_max)) return removed;
  }
}

json::object record_json(const ExportRecord& r, const ListExport* list) {
  const auto optional_time = [](const std::optional<std::int64_t>& us) {
    return us ? json::value(format_iso8601_utc(*us)) : json::value(nullptr);
  };
  const auto optional_int = [](const std::optional<std::int64_t>& n) { return n ? json::value(*n) : json::value(nullptr); };
  return json::object{
      {"id", std::to_string(r.id)},
      {"type", r.list_type},
      {"title_pt", list ? list->title_pt : r.list_type},
      {"title_en", list ? list->title_en : r.list_type},
      {"format", r.format},
      {"status", r.status},
      {"filters", r.query_string},
      {"locale", r.locale},
      {"file_name", r.file_name},
      {"row_count", optional_int(r.row_count)},
      {"size_bytes", optional_int(r.size_bytes)},
      {"requested_by", json::object{{"id", std::to_string(r.requested_by)}, {"name", r.requested_by_name}}},
      {"created_at", format_iso8601_utc(r.created_at_us)},
      {"finished_at", optional_time(r.finished_at_us)},
      {"expires_at", optional_time(r.expires_at_us)},
      {"error", r.error ? json::value(*r.error) : json::value(nullptr)},
      {"download_url", r.status == "done" ? json::value("/api/v1/exports/" + std::to_string(r.id) + "/download")
                                          : json::value(nullptr)},
  };
}

}  // namespace rg::exports
