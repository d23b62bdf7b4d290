// covers PLT-09 — export writers (CSV escaping, XLSX file), the JSON row source and background
// exports (job, download rules, expiry) on SQLite and PostgreSQL.
#include <unistd.h>

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/clock.hpp"
#include "db/migrations.hpp"
#include "platform/exports/service.hpp"
#include "platform/exports/writer.hpp"
#include "support/test_db.hpp"

namespace rg::exports {
namespace {

namespace fs = std::filesystem;

std::string csv(std::string_view text, char delimiter = ';') {
  std::string out;
  append_csv_field(out, text, delimiter);
  return out;
}

std::string cell(ColumnType type, const Cell& value, Language language = Language::pt_br) {
  std::string out;
  append_csv_cell(out, Column{"k", "K", "K", type}, value, language);
  return out;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(ExportCsv, PLT09_QuotesOnlyWhatNeedsQuoting) {
  EXPECT_EQ(csv("Ana da Silva"), "Ana da Silva");
  EXPECT_EQ(csv("Ana, da Silva"), "Ana, da Silva");  // ',' is plain text with the pt-BR ';' delimiter
  EXPECT_EQ(csv("Ana, da Silva", ','), "\"Ana, da Silva\"");
  EXPECT_EQ(csv("a;b"), "\"a;b\"");
  EXPECT_EQ(csv("Ana \"Nina\""), "\"Ana \"\"Nina\"\"\"");
  EXPECT_EQ(csv("linha 1\nlinha 2"), "\"linha 1\nlinha 2\"");
  EXPECT_EQ(csv("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(csv("Ação Çedilha ñ 😀"), "Ação Çedilha ñ 😀");  // UTF-8 passes through untouched
  EXPECT_EQ(csv(""), "");
}

TEST(ExportCsv, PLT09_TypedCellsFollowTheLanguage) {
  EXPECT_EQ(cell(ColumnType::money_centavos, std::int64_t{123456}), "1234,56");
  EXPECT_EQ(cell(ColumnType::money_centavos, std::int64_t{123456}, Language::en_us), "1234.56");
  EXPECT_EQ(cell(ColumnType::money_centavos, std::int64_t{-5}), "-0,05");
  EXPECT_EQ(cell(ColumnType::money_centavos, std::int64_t{INT64_MIN}), "-92233720368547758,08");
  EXPECT_EQ(cell(ColumnType::integer, std::int64_t{-42}), "-42");
  EXPECT_EQ(cell(ColumnType::boolean, true), "Sim");
  EXPECT_EQ(cell(ColumnType::boolean, false, Language::en_us), "No");
  EXPECT_EQ(cell(ColumnType::date, std::string("2026-02-16")), "16/02/2026");
  EXPECT_EQ(cell(ColumnType::date, std::string("2026-02-16"), Language::en_us), "2026-02-16");
  // 2026-12-01T02:30:05Z is still 30 November in São Paulo (UTC-3).
  const auto at = parse_iso8601_us("2026-12-01T02:30:05Z");
  ASSERT_TRUE(at);
  EXPECT_EQ(cell(ColumnType::datetime, *at), "30/11/2026 23:30:05");
  EXPECT_EQ(cell(ColumnType::datetime, *at, Language::en_us), "2026-11-30 23:30:05");
  EXPECT_EQ(cell(ColumnType::text, std::monostate{}), "");
}

TEST(ExportCsv, PLT09_FormulaLookingTextIsDefused) {
  EXPECT_EQ(cell(ColumnType::text, std::string("=HYPERLINK(\"http://x\")")), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(cell(ColumnType::text, std::string("+55 11")), "'+55 11");
  EXPECT_EQ(cell(ColumnType::text, std::string("@SUM(A1)")), "'@SUM(A1)");
  EXPECT_EQ(cell(ColumnType::text, std::string("a=b")), "a=b");
}

TEST(ExportTime, PLT09_ParsesIsoInstantsAndExcelSerials) {
  EXPECT_EQ(parse_iso8601_us("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_iso8601_us("1970-01-01T00:00:01.5Z"), 1'500'000);
  EXPECT_EQ(parse_iso8601_us("1970-01-01T00:00:00-03:00"), 3 * 3600 * microseconds_per_second);
  EXPECT_FALSE(parse_iso8601_us("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(parse_iso8601_us("2026-01-01"));
  EXPECT_FALSE(parse_iso8601_us("2026-01-01T25:00:00Z"));
  EXPECT_FALSE(parse_iso8601_us("2026-01-01T10:00:00"));
  // Excel: 1970-01-01 is serial 25569; 14:00 UTC is 11:00 in São Paulo.
  EXPECT_DOUBLE_EQ(excel_serial(Date{1970, 1, 1}), 25569.0);
  EXPECT_DOUBLE_EQ(excel_serial(Date{2026, 12, 1}), 46357.0);
  EXPECT_DOUBLE_EQ(excel_serial_sao_paulo(*parse_iso8601_us("2026-12-01T14:00:00Z")), 46357.0 + 11.0 / 24.0);
}

TEST(ExportJson, PLT09_CellsFromListItems) {
  const auto item = boost::json::parse(
                        R"({"id":"123456789012345678","n":7,"m":"1050","ok":true,"tags":["a","b"],)"
                        R"("role":{"name":"Gestor"},"at":"2026-12-01T14:00:00.250Z","none":null,"bad_at":"ontem"})")
                        .as_object();
  EXPECT_EQ(cell_from_json(item, {"id", "", "", ColumnType::text}), Cell(std::string("123456789012345678")));
  EXPECT_EQ(cell_from_json(item, {"n", "", "", ColumnType::integer}), Cell(std::int64_t{7}));
  EXPECT_EQ(cell_from_json(item, {"m", "", "", ColumnType::money_centavos}), Cell(std::int64_t{1050}));
  EXPECT_EQ(cell_from_json(item, {"ok", "", "", ColumnType::boolean}), Cell(true));
  EXPECT_EQ(cell_from_json(item, {"tags", "", "", ColumnType::text}), Cell(std::string("a, b")));
  EXPECT_EQ(cell_from_json(item, {"role.name", "", "", ColumnType::text}), Cell(std::string("Gestor")));
  EXPECT_EQ(cell_from_json(item, {"none", "", "", ColumnType::text}), Cell(std::monostate{}));
  EXPECT_EQ(cell_from_json(item, {"missing", "", "", ColumnType::text}), Cell(std::monostate{}));
  EXPECT_EQ(cell_from_json(item, {"at", "", "", ColumnType::datetime}),
            Cell(*parse_iso8601_us("2026-12-01T14:00:00Z") + 250'000));
  EXPECT_EQ(cell_from_json(item, {"bad_at", "", "", ColumnType::datetime}), Cell(std::string("ontem")));
}

TEST(ExportJson, PLT09_FiltersDropExportParameters) {
  EXPECT_EQ(filters_of("format=xlsx&action=operator.&page_size=10&cursor=5&lang=en-US&async=true&q=ana"),
            "action=operator.&q=ana");
  EXPECT_EQ(filters_of(""), "");
  EXPECT_EQ(filters_of("format=csv"), "");
}

// A list handler with `total` items, paged like the real ones (page_size, cursor = last id).
http::Handler fake_list(int total, std::atomic<int>* calls = nullptr) {
  return [total, calls](http::Request& req) {
    if (calls) ++*calls;
    const int size = std::stoi(req.query("page_size").value_or("50"));
    const int after = req.query("cursor") ? std::stoi(*req.query("cursor")) : 0;
    if (req.query("status") && *req.query("status") == "bad") {
      return http::Response::json(400, R"({"detail":"Unknown status.","errors":[{"field":"status","message":"bad"}]})");
    }
    boost::json::array items;
    int last = after;
    for (int i = after + 1; i <= total && i <= after + size; ++i) {
      items.push_back(boost::json::object{{"id", std::to_string(i)},
                                          {"name", i == 1 ? "Ana \"Nina\", da Silva\nÇão" : "Op " + std::to_string(i)},
                                          {"cents", i * 100 + 5},
                                          {"at", "2026-12-01T14:00:00Z"}});
      last = i;
    }
    boost::json::value next = last < total ? boost::json::value(std::to_string(last)) : boost::json::value(nullptr);
    return http::Response::json(200, boost::json::serialize(boost::json::object{{"items", items}, {"next_cursor", next}}));
  };
}

std::vector<Column> fake_columns() {
  return {{"id", "ID", "ID", ColumnType::text},
          {"name", "Nome", "Name", ColumnType::text},
          {"cents", "Valor", "Amount", ColumnType::money_centavos},
          {"at", "Data", "Date", ColumnType::datetime}};
}

constexpr std::int64_t start_us = 1'796'133'600'000'000;  // 2026-12-01T14:00:00Z

class ExportServiceTest : public ::testing::Test {
 protected:
  ExportServiceTest()
      : clock_(start_us), ids_(clock_, 5), audit_(clock_, ids_), jobs_(db(), clock_, ids_),
        dir_(fs::temp_directory_path() / ("rg-exports-" + random_hex(6))),
        service_(db(), clock_, ids_, jobs_, audit_, Settings{dir_.string(), 100, 7}) {}
  ~ExportServiceTest() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void SetUp() override {
    ASSERT_TRUE(db::Migrator(db(), db::embedded_migration_files()).migrate().ok());
    service_.add({"/api/v1/things", "things", "Coisas", "Things", fake_columns(), {}});
    service_.by_route("/api/v1/things")->rows = json_pages(fake_list(1234, &calls_), fake_columns());
    service_.register_jobs();
  }

  db::Database& db() { return test_db_.db(); }
  static http::Request request_as(std::int64_t tenant_id, std::int64_t operator_id, std::string query) {
    auto principal = std::make_shared<http::Principal>();
    principal->tenant_id = tenant_id;
    principal->operator_id = operator_id;
    principal->name = "Operadora " + std::to_string(operator_id);
    principal->permissions = {"things.read"};
    http::Request r;
    r.method = "GET";
    r.path = "/api/v1/things";
    r.query_string = std::move(query);
    r.principal = std::move(principal);
    return r;
  }
  int run_jobs() {
    int total = 0;
    for (int ran = 1; ran > 0;) total += ran = jobs_.run_due("test-worker", 10);
    return total;
  }

  test::TestDatabase test_db_;
  ManualClock clock_;
  IdGenerator ids_;
  audit::AuditLog audit_;
  jobs::JobQueue jobs_;
  fs::path dir_;
  ExportService service_;
  std::atomic<int> calls_{0};
};

TEST_F(ExportServiceTest, PLT09_CsvHasBomCrlfAndEveryPage) {
  const auto& list = *service_.by_type("things");
  const std::string path = (dir_ / "out.csv").string();
  fs::create_directories(dir_);
  auto produced = service_.produce(list, request_as(7, 1, "format=csv"), Options{}, path, INT64_MAX);
  ASSERT_TRUE(produced.ok()) << produced.error().detail;
  EXPECT_EQ(produced->rows, 1234);
  EXPECT_FALSE(produced->truncated);
  EXPECT_EQ(calls_.load(), 3);  // 500 + 500 + 234
  const std::string text = slurp(path);
  ASSERT_TRUE(text.starts_with("\xEF\xBB\xBFID;Nome;Valor;Data\r\n"));
  EXPECT_NE(text.find("\r\n1;\"Ana \"\"Nina\"\", da Silva\nÇão\";1,05;01/12/2026 11:00:00\r\n"), std::string::npos);
  EXPECT_TRUE(text.ends_with("\r\n1234;Op 1234;1234,05;01/12/2026 11:00:00\r\n"));
}

TEST_F(ExportServiceTest, PLT09_RowLimitTruncatesAndXlsxIsAZip) {
  const auto& list = *service_.by_type("things");
  fs::create_directories(dir_);
  const std::string path = (dir_ / "out.xlsx").string();
  auto produced = service_.produce(list, request_as(7, 1, ""), Options{Format::xlsx, Language::en_us, false}, path, 100);
  ASSERT_TRUE(produced.ok()) << produced.error().detail;
  EXPECT_EQ(produced->rows, 100);
  EXPECT_TRUE(produced->truncated);
  const std::string bytes = slurp(path);
  EXPECT_TRUE(bytes.starts_with("PK\x03\x04"));  // XLSX is a ZIP; exceljs reads it back in tests/api
}

TEST_F(ExportServiceTest, PLT09_BadFilterFailsTheJobWithoutRetry) {
  const auto& list = *service_.by_type("things");
  auto record = service_.enqueue(list, request_as(7, 1, "status=bad&format=csv"), Options{});
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->query_string, "status=bad");
  run_jobs();
  auto stored = db().transact(db::TxMode::read, [&](db::Transaction& tx) {
    return tx.query_one("SELECT status, error FROM exports WHERE tenant_id = 7 AND id = $1", {record->id});
  });
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->text(0), "failed");
  EXPECT_EQ(stored->text(1), "Unknown status.");
}

TEST_F(ExportServiceTest, PLT09_BackgroundExportIsDownloadableByItsOwnerOnlyUntilItExpires) {
  const auto& list = *service_.by_type("things");
  auto record = service_.enqueue(list, request_as(7, 1, "format=xlsx"), Options{Format::csv, Language::pt_br, true});
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->status, "queued");
  EXPECT_EQ(record->file_name, "things_2026-12-01_1100.csv");
  EXPECT_EQ(service_.open_download(request_as(7, 1, ""), record->id).error().code, ErrorCode::conflict);
  EXPECT_GE(run_jobs(), 1);

  auto own = service_.list_own(request_as(7, 1, ""), std::nullopt, 10);
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].status, "done");
  EXPECT_EQ(own[0].row_count, 1234);
  const std::string path = service_.file_path(own[0]);
  EXPECT_EQ(own[0].size_bytes, static_cast<std::int64_t>(fs::file_size(path)));
  EXPECT_TRUE(service_.open_download(request_as(7, 1, ""), record->id).ok());
  // Another operator of the same tenant, and anyone of another tenant, sees nothing.
  EXPECT_TRUE(service_.list_own(request_as(7, 2, ""), std::nullopt, 10).empty());
  EXPECT_EQ(service_.open_download(request_as(7, 2, ""), record->id).error().code, ErrorCode::not_found);
  EXPECT_EQ(service_.open_download(request_as(8, 1, ""), record->id).error().code, ErrorCode::not_found);

  clock_.advance_us(6 * microseconds_per_day);
  EXPECT_EQ(service_.expire_due(), 0);
  EXPECT_TRUE(fs::exists(path));
  clock_.advance_us(1 * microseconds_per_day + 1);
  EXPECT_EQ(service_.open_download(request_as(7, 1, ""), record->id).error().code, ErrorCode::conflict);
  EXPECT_EQ(service_.expire_due(), 1);
  EXPECT_FALSE(fs::exists(path));
  EXPECT_EQ(service_.list_own(request_as(7, 1, ""), std::nullopt, 10)[0].status, "expired");
}

TEST_F(ExportServiceTest, PLT09_DownloadIsTheOpenedFileAuditedOnlyWhenItOpens) {
  const auto& list = *service_.by_type("things");
  auto record = service_.enqueue(list, request_as(7, 1, ""), Options{Format::csv, Language::pt_br, true});
  ASSERT_TRUE(record.ok());
  EXPECT_GE(run_jobs(), 1);
  const std::string path = service_.file_path(service_.list_own(request_as(7, 1, ""), std::nullopt, 1).at(0));
  const std::string content = slurp(path);
  ASSERT_GT(content.size(), 20'000u);
  auto download = service_.open_download(request_as(7, 1, ""), record->id);
  ASSERT_TRUE(download.ok()) << download.error().detail;
  ASSERT_TRUE(download->file);
  EXPECT_TRUE(download->body.empty());
  EXPECT_EQ(download->file->size(), content.size());
  EXPECT_EQ(download->header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(download->header("Content-Disposition"), "attachment; filename=\"things_2026-12-01_1100.csv\"");
  // The expiry job deleting the file while it is being sent does not cut the download short.
  fs::remove(path);
  std::string sent(download->file->size(), '\0');
  ASSERT_EQ(::pread(download->file->fd(), sent.data(), sent.size(), 0), static_cast<ssize_t>(sent.size()));
  EXPECT_EQ(sent, content);
  // Asked again, the file is gone: a conflict, and no second export.downloaded entry.
  auto gone = service_.open_download(request_as(7, 1, ""), record->id);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, ErrorCode::conflict);
  EXPECT_EQ(gone.error().detail, "This export's file is no longer available.");
  auto downloads = db().transact(db::TxMode::read, [&](db::Transaction& tx) {
    return tx.query_one(
        "SELECT COUNT(*) FROM audit_log WHERE tenant_id = 7 AND action = 'export.downloaded' AND target_id = $1",
        {std::to_string(record->id)});
  });
  ASSERT_TRUE(downloads);
  EXPECT_EQ(downloads->integer(0), 1);
}

TEST_F(ExportServiceTest, PLT09_OptionsNameTheBadField) {
  auto r = request_as(7, 1, "format=pdf");
  EXPECT_EQ(read_options(r).error().fields.at(0).field, "format");
  r.query_string = "format=csv&async=maybe";
  EXPECT_EQ(read_options(r).error().fields.at(0).field, "async");
  r.query_string = "format=csv&lang=fr";
  EXPECT_EQ(read_options(r).error().fields.at(0).field, "lang");
  r.query_string = "format=xlsx&lang=en-US&async=1";
  auto ok = read_options(r);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->format, Format::xlsx);
  EXPECT_EQ(ok->language, Language::en_us);
  EXPECT_TRUE(ok->async);
}

}  // namespace
}  // namespace rg::exports
