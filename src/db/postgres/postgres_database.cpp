#include "db/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <unordered_map>

namespace rg::db {

namespace {

// Type OIDs from pg_type that we turn into numbers; everything else arrives as text.
constexpr Oid bool_oid = 16, int8_oid = 20, int2_oid = 21, int4_oid = 23, float4_oid = 700, float8_oid = 701,
              numeric_oid = 1700;

struct ResultHandle {
  PGresult* res;
  ~ResultHandle() { PQclear(res); }
};

DbError result_error(PGconn* conn, PGresult* res, std::string_view context) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = std::string(context) + ": " + PQerrorMessage(conn);
  if (PQstatus(conn) == CONNECTION_BAD) return DbError(DbError::Kind::connection, message);
  const std::string sqlstate = state ? state : "";
  if (sqlstate == "40001" || sqlstate == "40P01") return DbError(DbError::Kind::retryable, message);
  if (sqlstate == "23505") return DbError(DbError::Kind::unique_violation, message);
  if (sqlstate == "23503") return DbError(DbError::Kind::foreign_key_violation, message);
  if (sqlstate == "23514") return DbError(DbError::Kind::check_violation, message);
  return DbError(DbError::Kind::other, message);
}

Value column_value(PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return Value();
  const char* text = PQgetvalue(res, row, col);
  switch (PQftype(res, col)) {
    case bool_oid:
      return Value(static_cast<std::int64_t>(text[0] == 't' ? 1 : 0));
    case int8_oid:
    case int2_oid:
    case int4_oid:
      return Value(static_cast<std::int64_t>(std::strtoll(text, nullptr, 10)));
    case float4_oid:
    case float8_oid:
      return Value(std::strtod(text, nullptr));
    case numeric_oid: {
      // SUM(bigint) is numeric in PostgreSQL; keep integral results integral.
      const std::string s(text);
      if (s.find_first_of(".eE") == std::string::npos) return Value(static_cast<std::int64_t>(std::stoll(s)));
      return Value(std::strtod(text, nullptr));
    }
    default:
      return Value(std::string(text, static_cast<std::size_t>(PQgetlength(res, row, col))));
  }
}

}  // namespace

class PostgresConnection {
 public:
  explicit PostgresConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string message = std::string("connect: ") + PQerrorMessage(conn_);
      PQfinish(conn_);
      throw DbError(DbError::Kind::connection, message);
    }
    exec("SET client_min_messages = warning; SET TIME ZONE 'UTC'");
  }
  ~PostgresConnection() { PQfinish(conn_); }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE; }

  void exec(std::string_view sql) {
    ResultHandle r{PQexec(conn_, std::string(sql).c_str())};
    const auto status = PQresultStatus(r.res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw result_error(conn_, r.res, "exec");
  }

  Rows query(std::string_view sql, const Params& params) {
    const std::string& name = prepare(sql);
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (params[i].is_null()) continue;
      texts[i] = params[i].to_text();
      values[i] = texts[i].c_str();
    }
    ResultHandle r{PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(), nullptr,
                                  nullptr, 0)};
    const auto status = PQresultStatus(r.res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw result_error(conn_, r.res, "query");
    Rows rows;
    const int columns = PQnfields(r.res);
    for (int c = 0; c < columns; ++c) rows.columns.emplace_back(PQfname(r.res, c));
    const int count = PQntuples(r.res);
    rows.rows.reserve(static_cast<std::size_t>(count));
    for (int row = 0; row < count; ++row) {
      std::vector<Value> vals;
      vals.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) vals.push_back(column_value(r.res, row, c));
      rows.rows.emplace_back(std::move(vals));
    }
    const char* affected = PQcmdTuples(r.res);
    rows.affected = (affected && *affected) ? std::strtoll(affected, nullptr, 10) : 0;
    return rows;
  }

  std::int64_t copy_in(std::string_view table_columns, std::string_view data) {
    {
      ResultHandle r{PQexec(conn_, ("COPY " + std::string(table_columns) + " FROM STDIN").c_str())};
      if (PQresultStatus(r.res) != PGRES_COPY_IN) throw result_error(conn_, r.res, "copy");
    }
    // On a failed send the server still answers the COPY with an error result, read below.
    if (PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) == 1) PQputCopyEnd(conn_, nullptr);
    std::int64_t copied = 0;
    std::optional<DbError> failure;
    while (PGresult* res = PQgetResult(conn_)) {
      ResultHandle r{res};
      if (PQresultStatus(res) == PGRES_COMMAND_OK) {
        const char* n = PQcmdTuples(res);
        copied = (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
      } else if (!failure) {
        failure = result_error(conn_, res, "copy");
      }
    }
    if (failure) throw *failure;
    return copied;
  }

 private:
  const std::string& prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = prepared_.find(key); it != prepared_.end()) return it->second;
    std::string name = "rg_" + std::to_string(prepared_.size() + 1);
    ResultHandle r{PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr)};
    if (PQresultStatus(r.res) != PGRES_COMMAND_OK) throw result_error(conn_, r.res, "prepare");
    return prepared_.emplace(std::move(key), std::move(name)).first->second;
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;
};

PostgresDatabase::PostgresDatabase(std::string url, int pool_size)
    : url_(std::move(url)), pool_(pool_size, [this] { return std::make_unique<PostgresConnection>(url_); }) {
  auto conn = pool_.acquire();
  pool_.release(std::move(conn), true);
}

PostgresDatabase::~PostgresDatabase() = default;

std::unique_ptr<Transaction> PostgresDatabase::begin(TxMode mode) {
  const char* begin_sql = mode == TxMode::serializable ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
                          : mode == TxMode::read      ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                                                      : "BEGIN";
  return std::make_unique<PooledTransaction<PostgresConnection>>(Kind::postgresql, pool_, pool_.acquire(), begin_sql);
}

std::string PostgresDatabase::describe() const {
  // postgresql://user:secret@host:port/db → postgresql://user:***@host:port/db
  std::string out = url_;
  const auto scheme_end = out.find("://");
  const auto at = out.find('@');
  if (scheme_end != std::string::npos && at != std::string::npos) {
    const auto colon = out.find(':', scheme_end + 3);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  }
  return out;
}

}  // namespace rg::db
