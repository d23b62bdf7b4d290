#include <algorithm>
#include <string_view>

#include "db/where.hpp"
#include "platform/audit/store.hpp"

namespace rg::audit::store {

namespace {

constexpr const char* select_head_sql = "SELECT last_seq, last_hash FROM audit_heads WHERE tenant_id = $1";
constexpr const char* insert_head_sql =
    "INSERT INTO audit_heads (tenant_id, last_seq, last_hash) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING";
constexpr const char* update_head_sql = "UPDATE audit_heads SET last_seq = $2, last_hash = $3 WHERE tenant_id = $1";
constexpr const char* insert_record_sql =
    "INSERT INTO audit_log (tenant_id, seq, id, at_us, actor_type, actor_id, actor_name, action, target_type,"
    " target_id, before_json, after_json, request_id, ip, prev_hash, hash)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";

// Both read the columns in the order record_from() expects. search() appends its filters,
// ORDER BY seq DESC and LIMIT to search_base_sql.
constexpr const char* search_base_sql =
    "SELECT tenant_id, seq, id, at_us, actor_type, actor_id, actor_name, action, target_type, target_id, before_json,"
    " after_json, request_id, ip, prev_hash, hash FROM audit_log WHERE tenant_id = $1";
constexpr const char* chain_page_sql =
    "SELECT tenant_id, seq, id, at_us, actor_type, actor_id, actor_name, action, target_type, target_id, before_json,"
    " after_json, request_id, ip, prev_hash, hash FROM audit_log WHERE tenant_id = $1 AND seq > $2"
    " ORDER BY seq LIMIT $3";
constexpr const char* tenants_sql =
    "SELECT tenant_id FROM audit_heads UNION SELECT DISTINCT tenant_id FROM audit_log ORDER BY 1";

// Text search ignores case and accents the same way on both engines without folding the stored
// text: each letter of the user's text becomes a class of every character that folds to it
// ("a" and "Ã" both become [aAáàâãäÁÀÂÃÄ], "j" becomes [jJ]), matched with GLOB on SQLite and
// with a regular expression on PostgreSQL. Both match classes per Unicode character and are
// case-sensitive, so the result does not depend on the engine, its locale or its LOWER().
// Characters outside the table (digits, punctuation, other scripts) match themselves.
struct Fold {
  std::string_view from;  // one UTF-8 encoded character
  char to;
};
constexpr Fold fold_table[] = {
    {"á", 'a'}, {"à", 'a'}, {"â", 'a'}, {"ã", 'a'}, {"ä", 'a'}, {"Á", 'a'}, {"À", 'a'}, {"Â", 'a'}, {"Ã", 'a'},
    {"Ä", 'a'}, {"é", 'e'}, {"è", 'e'}, {"ê", 'e'}, {"ë", 'e'}, {"É", 'e'}, {"È", 'e'}, {"Ê", 'e'}, {"Ë", 'e'},
    {"í", 'i'}, {"ì", 'i'}, {"î", 'i'}, {"ï", 'i'}, {"Í", 'i'}, {"Ì", 'i'}, {"Î", 'i'}, {"Ï", 'i'}, {"ó", 'o'},
    {"ò", 'o'}, {"ô", 'o'}, {"õ", 'o'}, {"ö", 'o'}, {"Ó", 'o'}, {"Ò", 'o'}, {"Ô", 'o'}, {"Õ", 'o'}, {"Ö", 'o'},
    {"ú", 'u'}, {"ù", 'u'}, {"û", 'u'}, {"ü", 'u'}, {"Ú", 'u'}, {"Ù", 'u'}, {"Û", 'u'}, {"Ü", 'u'}, {"ç", 'c'},
    {"Ç", 'c'}, {"ñ", 'n'}, {"Ñ", 'n'},
};

// The searched text of a row: the fields joined by a newline, which search() removes from the
// user's text, so a match cannot span two fields.
constexpr const char* haystack =
    "(COALESCE(actor_name, '') || '\n' || action || '\n' || COALESCE(target_type, '') || '\n' ||"
    " COALESCE(target_id, '') || '\n' || COALESCE(before_json, '') || '\n' || COALESCE(after_json, ''))";

std::size_t utf8_char_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// "[aAáàâãäÁÀÂÃÄ]" for a letter, empty for anything else.
std::string letter_class(char base) {
  if (base < 'a' || base > 'z') return {};
  std::string out = "[";
  out += base;
  out += static_cast<char>(base - 'a' + 'A');
  for (const auto& fold : fold_table) {
    if (fold.to == base) out += fold.from;
  }
  out += ']';
  return out;
}

bool has_accented_forms(char letter) {
  return std::any_of(std::begin(fold_table), std::end(fold_table), [&](const Fold& fold) { return fold.to == letter; });
}

// The letter a character folds to, or 0.
char fold_letter(std::string_view character) {
  if (character.size() == 1) {
    const char c = character[0];
    if (c >= 'a' && c <= 'z') return c;
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    return 0;
  }
  for (const auto& fold : fold_table) {
    if (fold.from == character) return fold.to;
  }
  return 0;
}

// A GLOB pattern (SQLite) or regular expression (PostgreSQL) matching `text` anywhere.
std::string text_pattern(std::string_view text, db::Kind kind) {
  const bool glob = kind == db::Kind::sqlite;
  std::string out = glob ? "*" : "";
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = std::min(utf8_char_length(static_cast<unsigned char>(text[i])), text.size() - i);
    const std::string_view character = text.substr(i, length);
    i += length;
    if (const char letter = fold_letter(character)) {
      out += letter_class(letter);
    } else if (length > 1 || (character[0] >= '0' && character[0] <= '9')) {
      out += character;
    } else if (glob) {
      // GLOB's only special characters are * ? [; a one-character class makes them literal.
      const char c = character[0];
      if (c == '*' || c == '?' || c == '[') {
        out += '[';
        out += c;
        out += ']';
      } else {
        out += c;
      }
    } else {
      // In PostgreSQL's regular expressions a backslash before a non-alphanumeric character
      // makes it literal.
      out += '\\';
      out += character;
    }
  }
  if (glob) out += '*';
  return out;
}

// A LIKE pattern (ESCAPE '!') for the ASCII-lower-cased haystack that matches at least what
// text_pattern() matches: letters with accented forms become '_' (one character, accented or
// not), other letters their lower case. One LOWER() and LIKE per row is several times cheaper
// than the classes, so this runs first and the classes only see the rows it lets through.
std::string prefilter_pattern(std::string_view text) {
  std::string out = "%";
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = std::min(utf8_char_length(static_cast<unsigned char>(text[i])), text.size() - i);
    const std::string_view character = text.substr(i, length);
    i += length;
    const char letter = fold_letter(character);
    if (letter && has_accented_forms(letter)) {
      out += '_';
    } else if (letter) {
      out += letter;
    } else {
      if (character == "%" || character == "_" || character == "!") out += '!';
      out += character;
    }
  }
  out += '%';
  return out;
}

// SQLite evaluates AND left to right; PostgreSQL orders conditions by estimated cost and keeps
// the written order between equal costs, as these are.
std::string text_condition_sql(db::Kind kind, const std::string& prefilter_param, const std::string& pattern_param) {
  if (kind == db::Kind::postgresql) {
    // COLLATE "C" makes LOWER() fold ASCII only, as SQLite's does.
    return std::string("LOWER(") + haystack + " COLLATE \"C\") LIKE " + prefilter_param + " ESCAPE '!' AND " +
           haystack + " ~ " + pattern_param;
  }
  return std::string("LOWER(") + haystack + ") LIKE " + prefilter_param + " ESCAPE '!' AND " + haystack + " GLOB " +
         pattern_param;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (const unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

Record record_from(const db::Row& row) {
  Record r;
  r.tenant_id = row.integer(0);
  r.seq = row.integer(1);
  r.id = row.integer(2);
  r.at_us = row.integer(3);
  r.actor_type = row.text(4);
  r.actor_id = row.integer_or_null(5);
  r.actor_name = row.text_or_null(6);
  r.action = row.text(7);
  r.target_type = row.text_or_null(8);
  r.target_id = row.text_or_null(9);
  r.before_json = row.text_or_null(10);
  r.after_json = row.text_or_null(11);
  r.request_id = row.text_or_null(12);
  r.ip = row.text_or_null(13);
  r.prev_hash = row.text(14);
  r.hash = row.text(15);
  return r;
}

}  // namespace

Head lock_head(db::Transaction& tx, std::int64_t tenant_id, const std::string& genesis) {
  const std::string select_sql = std::string(select_head_sql) + tx.for_update();
  auto row = tx.query_one(select_sql, {tenant_id});
  if (!row) {
    tx.execute(insert_head_sql, {tenant_id, genesis});
    row = tx.query_one(select_sql, {tenant_id});
    if (!row) throw db::DbError(db::DbError::Kind::other, "audit head missing after insert");
  }
  return Head{row->integer(0), row->text(1)};
}

void insert_record(db::Transaction& tx, const Record& r) {
  tx.execute(insert_record_sql, {r.tenant_id, r.seq, r.id, r.at_us, r.actor_type, r.actor_id, r.actor_name, r.action,
                                 r.target_type, r.target_id, r.before_json, r.after_json, r.request_id, r.ip,
                                 r.prev_hash, r.hash});
}

void update_head(db::Transaction& tx, std::int64_t tenant_id, std::int64_t last_seq, const std::string& last_hash) {
  tx.execute(update_head_sql, {tenant_id, last_seq, last_hash});
}

std::vector<Record> search(db::Transaction& tx, const Query& query, int limit) {
  db::Where where(search_base_sql, {query.tenant_id});
  if (query.action && !query.action->empty()) {
    if (query.action->ends_with('.')) {
      // SUBSTR rather than LIKE: SQLite's LIKE ignores ASCII case and PostgreSQL's does not.
      const auto length = where.bind(static_cast<std::int64_t>(utf8_length(*query.action)));
      where.condition("SUBSTR(action, 1, " + length + ") = " + where.bind(*query.action));
    } else {
      where.equal("action", query.action);
    }
  }
  where.equal("actor_id", query.actor_id).equal("target_type", query.target_type).equal("target_id", query.target_id);
  where.period("at_us", query.from_us, query.to_us).before("seq", query.before_seq);
  if (query.text) {
    // Control characters (the field separator among them) never match.
    std::string text = *query.text;
    std::erase_if(text, [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    if (!text.empty()) {
      const std::string prefilter_param = where.bind(prefilter_pattern(text));
      where.condition(text_condition_sql(tx.kind(), prefilter_param, where.bind(text_pattern(text, tx.kind()))));
    }
  }
  std::vector<Record> records;
  for (const auto& row : where.order_by("seq DESC", limit).query(tx)) records.push_back(record_from(row));
  return records;
}

std::optional<Head> read_head(db::Transaction& tx, std::int64_t tenant_id) {
  auto row = tx.query_one(select_head_sql, {tenant_id});
  if (!row) return std::nullopt;
  return Head{row->integer(0), row->text(1)};
}

std::vector<Record> chain_page(db::Transaction& tx, std::int64_t tenant_id, std::int64_t after_seq, int limit) {
  std::vector<Record> records;
  for (const auto& row : tx.query(chain_page_sql, {tenant_id, after_seq, limit})) records.push_back(record_from(row));
  return records;
}

std::vector<std::int64_t> tenants(db::Transaction& tx) {
  std::vector<std::int64_t> ids;
  for (const auto& row : tx.query(tenants_sql)) ids.push_back(row.integer(0));
  return ids;
}

}  // namespace rg::audit::store
