#include "db/migrations.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "core/hash.hpp"

namespace rg::db {

namespace {

constexpr std::int64_t migration_lock_key = 0x5265746167756172;  // "Retaguar"
constexpr const char* create_table_sql =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at_us BIGINT NOT NULL)";

// "0007_accounts", as the file is named.
std::string label(const Migration& m) {
  char number[16];
  std::snprintf(number, sizeof number, "%04d", m.version);
  return std::string(number) + "_" + m.name;
}

struct Parsed {
  int version;
  std::string name;
  std::string dialect;  // "", "sqlite" or "postgresql"
};

Parsed parse_file_name(const std::string& file) {
  // NNNN_slug.sql | NNNN_slug.sqlite.sql | NNNN_slug.postgresql.sql
  const auto underscore = file.find('_');
  if (underscore != 4 || !file.ends_with(".sql")) throw std::invalid_argument("bad migration file name: " + file);
  Parsed p{std::stoi(file.substr(0, 4)), file.substr(5, file.size() - 9), ""};
  for (const char* dialect : {"sqlite", "postgresql"}) {
    const std::string suffix = std::string(".") + dialect;
    if (p.name.ends_with(suffix)) {
      p.name.resize(p.name.size() - suffix.size());
      p.dialect = dialect;
    }
  }
  return p;
}

}  // namespace

std::vector<Migration> plan_migrations(const std::vector<MigrationFile>& files, Kind kind) {
  std::map<int, Migration> by_version;
  std::map<int, std::string> variants;
  for (const auto& f : files) {
    const Parsed p = parse_file_name(f.file_name);
    Migration& m = by_version[p.version];
    if (!m.name.empty() && m.name != p.name) throw std::invalid_argument("two migrations numbered " + f.file_name);
    m.version = p.version;
    m.name = p.name;
    if (p.dialect.empty()) {
      m.sql = f.sql + m.sql;
    } else if (p.dialect == kind_name(kind)) {
      variants[p.version] = f.sql;
    }
  }
  std::vector<Migration> out;
  for (auto& [version, m] : by_version) {
    if (auto it = variants.find(version); it != variants.end()) m.sql += "\n" + it->second;
    m.checksum = sha256_hex(m.sql);
    out.push_back(std::move(m));
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i].version != static_cast<int>(i) + 1) throw std::invalid_argument("migration numbers must be 1..n without gaps");
  }
  return out;
}

Migrator::Migrator(Database& db, std::vector<MigrationFile> files)
    : db_(db), migrations_(plan_migrations(files, db.kind())) {}

namespace {

Result<std::map<int, std::string>> applied_checksums(Transaction& tx, const std::vector<Migration>& expected) {
  std::map<int, std::string> applied;
  for (const auto& row : tx.query("SELECT version, checksum, name FROM schema_migrations ORDER BY version")) {
    applied[static_cast<int>(row.integer(0))] = row.text(1);
  }
  for (const auto& [version, checksum] : applied) {
    auto it = std::find_if(expected.begin(), expected.end(), [&](const Migration& m) { return m.version == version; });
    if (it == expected.end()) {
      return Error::conflict("database has migration " + std::to_string(version) +
                             " that this binary does not know; it is newer than this binary");
    }
    if (it->checksum != checksum) {
      return Error::conflict("applied migration " + label(*it) +
                             " was changed after it ran (checksum mismatch); write a new migration instead");
    }
  }
  return applied;
}

}  // namespace

Result<int> Migrator::migrate() {
  return db_.transact(TxMode::write, [&](Transaction& tx) -> Result<int> {
    if (tx.kind() == Kind::postgresql) tx.query("SELECT pg_advisory_xact_lock($1)", {migration_lock_key});
    tx.execute_script(create_table_sql);
    auto applied = applied_checksums(tx, migrations_);
    if (!applied) return applied.error();
    int count = 0;
    for (const auto& m : migrations_) {
      if (applied->count(m.version)) continue;
      tx.execute_script(m.sql);
      const auto now_us = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
      tx.execute("INSERT INTO schema_migrations (version, name, checksum, applied_at_us) VALUES ($1, $2, $3, $4)",
                 {m.version, m.name, m.checksum, static_cast<std::int64_t>(now_us)});
      ++count;
    }
    return count;
  });
}

Result<MigrationStatus> Migrator::status() {
  return db_.transact(TxMode::read, [&](Transaction& tx) -> Result<MigrationStatus> {
    MigrationStatus status{0, static_cast<int>(migrations_.size())};
    const char* exists_sql = tx.kind() == Kind::postgresql
                                 ? "SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_migrations' "
                                   "AND table_schema = current_schema()"
                                 : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
    if (!tx.query_one(exists_sql)) return status;
    auto applied = applied_checksums(tx, migrations_);
    if (!applied) return applied.error();
    status.applied = static_cast<int>(applied->size());
    return status;
  });
}

}  // namespace rg::db
