#pragma once
// Forward-only numbered migrations (migrations/NNNN_slug.sql), compiled into the binary.
// A file NNNN_slug.sqlite.sql or NNNN_slug.postgresql.sql holds dialect-only DDL and is applied
// after the portable file of the same number on that backend only.
#include <string>
#include <vector>

#include "core/result.hpp"
#include "db/database.hpp"

namespace rg::db {

struct MigrationFile {
  std::string file_name;
  std::string sql;
};
const std::vector<MigrationFile>& embedded_migration_files();

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;       // portable part + this backend's variant
  std::string checksum;  // SHA-256 of sql
};

struct MigrationStatus {
  int applied = 0;
  int expected = 0;
  bool current() const { return applied == expected; }
};

class Migrator {
 public:
  Migrator(Database& db, std::vector<MigrationFile> files);

  // Applies pending migrations in one transaction under a cluster-wide lock (PostgreSQL advisory
  // lock; SQLite's single write lock), so two nodes starting at once never both migrate.
  // Refuses (conflict) when an applied migration's checksum differs from the file's.
  Result<int> migrate();
  // How many of the expected migrations are applied with matching checksums.
  Result<MigrationStatus> status();
  const std::vector<Migration>& migrations() const { return migrations_; }

 private:
  Database& db_;
  std::vector<Migration> migrations_;
};

// Parses file names into migrations for one backend; invalid names are a programming error.
std::vector<Migration> plan_migrations(const std::vector<MigrationFile>& files, Kind kind);

}  // namespace rg::db
