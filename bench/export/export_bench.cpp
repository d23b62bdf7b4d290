// Export throughput and peak memory (PLT-09): writes N synthetic rows (text, money, date-time,
// integer, boolean) with the export writers and prints one JSON line. bench/export/run calls it
// once per mode in separate processes, so each peak RSS (getrusage maxrss) is the mode's own.
//   export_bench <mode> <rows> <output file>
//   modes: csv | xlsx           the export writers (TableWriter), rows handed over as typed cells
//          csv-json             the default row source: JSON pages of 500 items from a list
//                               handler, parsed and mapped to cells, then the CSV writer
//          baseline-csv         the floor: the same CSV bytes formatted with snprintf and fwrite
#include <sys/resource.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/clock.hpp"
#include "platform/exports/service.hpp"
#include "platform/exports/writer.hpp"

namespace {

using namespace rg::exports;

constexpr std::int64_t base_us = 1'796'133'600'000'000;  // 2026-12-01T14:00:00Z

std::vector<Column> columns() {
  return {{"id", "ID", "ID", ColumnType::text},
          {"name", "Nome", "Name", ColumnType::text},
          {"amount_cents", "Valor", "Amount", ColumnType::money_centavos},
          {"created_at", "Criado em", "Created at", ColumnType::datetime},
          {"attempts", "Tentativas", "Attempts", ColumnType::integer},
          {"active", "Ativo", "Active", ColumnType::boolean}};
}

std::string name_of(std::int64_t i) { return "Cliente " + std::to_string(i) + (i % 10 == 0 ? ", São Paulo" : ""); }

void fill(std::vector<Cell>& cells, std::int64_t i) {
  cells[0] = std::to_string(250'000'000'000'000'000LL + i);
  cells[1] = name_of(i);
  cells[2] = (i * 7919) % 100'000'000;
  cells[3] = base_us + i * 1'000'000;
  cells[4] = i % 7;
  cells[5] = i % 2 == 0;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int run_writer(Format format, std::int64_t rows, const std::string& path) {
  auto writer = open_writer(format, path, "/tmp", columns(), Language::pt_br);
  if (!writer) return std::fprintf(stderr, "%s\n", writer.error().detail.c_str()), 1;
  std::vector<Cell> cells(6);
  for (std::int64_t i = 0; i < rows; ++i) {
    fill(cells, i);
    if (!(*writer)->row(cells)) return 1;
  }
  return (*writer)->finish() ? 0 : 1;
}

// A list handler answering pages like the real ones (items + next_cursor), for the JSON source.
rg::http::Handler synthetic_list(std::int64_t rows) {
  return [rows](rg::http::Request& request) {
    const std::int64_t after = request.query("cursor") ? std::stoll(*request.query("cursor")) : 0;
    const std::int64_t size = std::stoll(request.query("page_size").value_or("50"));
    boost::json::array items;
    std::int64_t i = after;
    for (; i < rows && i < after + size; ++i) {
      items.push_back(boost::json::object{{"id", std::to_string(250'000'000'000'000'000LL + i)},
                                          {"name", name_of(i)},
                                          {"amount_cents", (i * 7919) % 100'000'000},
                                          {"created_at", rg::format_iso8601_utc(base_us + i * 1'000'000)},
                                          {"attempts", i % 7},
                                          {"active", i % 2 == 0}});
    }
    boost::json::value next = i < rows ? boost::json::value(std::to_string(i)) : boost::json::value(nullptr);
    return rg::http::Response::json(200, boost::json::serialize(boost::json::object{{"items", items}, {"next_cursor", next}}));
  };
}

int run_json(std::int64_t rows, const std::string& path) {
  auto writer = open_writer(Format::csv, path, "/tmp", columns(), Language::pt_br);
  if (!writer) return 1;
  struct Sink final : RowSink {
    TableWriter& w;
    explicit Sink(TableWriter& writer) : w(writer) {}
    bool add(const std::vector<Cell>& row) override { return w.row(row).ok(); }
  } sink(**writer);
  rg::http::Request request;
  request.method = "GET";
  request.path = "/bench";
  auto status = json_pages(synthetic_list(rows), columns())(request, sink);
  if (!status) return std::fprintf(stderr, "%s\n", status.error().detail.c_str()), 1;
  return (*writer)->finish() ? 0 : 1;
}

// The same bytes as the CSV writer with the least work possible: snprintf into a buffer, fwrite.
int run_baseline(std::int64_t rows, const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return 1;
  std::fputs("\xEF\xBB\xBFID;Nome;Valor;Criado em;Tentativas;Ativo\r\n", file);
  char line[256];
  for (std::int64_t i = 0; i < rows; ++i) {
    const std::int64_t cents = (i * 7919) % 100'000'000;
    const std::int64_t local_s = (base_us + i * 1'000'000) / 1'000'000 - 3 * 3600;
    const rg::Date d = rg::from_days(local_s / 86'400);
    const std::int64_t s = local_s % 86'400;
    const int n = std::snprintf(line, sizeof line, "%lld;%s;%lld,%02lld;%02u/%02u/%04d %02lld:%02lld:%02lld;%lld;%s\r\n",
                                250'000'000'000'000'000LL + static_cast<long long>(i), name_of(i).c_str(),
                                static_cast<long long>(cents / 100), static_cast<long long>(cents % 100), d.day, d.month,
                                d.year, static_cast<long long>(s / 3600), static_cast<long long>(s / 60 % 60),
                                static_cast<long long>(s % 60), static_cast<long long>(i % 7), i % 2 == 0 ? "Sim" : "Não");
    std::fwrite(line, 1, static_cast<std::size_t>(n), file);
  }
  return std::fclose(file) == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: export_bench csv|xlsx|csv-json|baseline-csv ROWS OUTPUT\n");
    return 2;
  }
  const std::string mode = argv[1];
  const std::int64_t rows = std::stoll(argv[2]);
  const std::string path = argv[3];
  const auto started = std::chrono::steady_clock::now();
  int rc = 2;
  if (mode == "csv") rc = run_writer(Format::csv, rows, path);
  if (mode == "xlsx") rc = run_writer(Format::xlsx, rows, path);
  if (mode == "csv-json") rc = run_json(rows, path);
  if (mode == "baseline-csv") rc = run_baseline(rows, path);
  if (rc != 0) return rc;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("{\"mode\":\"%s\",\"rows\":%lld,\"seconds\":%.3f,\"rows_per_second\":%.0f,\"peak_rss_mib\":%.1f}\n",
              mode.c_str(), static_cast<long long>(rows), seconds, static_cast<double>(rows) / seconds,
              static_cast<double>(peak_rss_kib()) / 1024.0);
  return 0;
}
