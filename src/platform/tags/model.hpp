#pragma once
// Tags (PLT-13): plain types, no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"

namespace rg::tags {

struct Tag {
  std::int64_t tenant_id = 0;
  Id id = 0;
  std::string name;
  std::string color;  // an Ant Design preset ("blue") or "#rrggbb"
  std::string description;
  std::int64_t record_count = 0;  // live (not deleted) records carrying the tag
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
};

// What create/update accept; absent fields stay unchanged on update.
struct TagInput {
  std::optional<std::string> name;
  std::optional<std::string> color;
  std::optional<std::string> description;
};

struct TaggedRecord {
  std::string record_type;
  Id record_id = 0;
  std::string label;  // the record's name as its module describes it
  std::int64_t tagged_at_us = 0;
};

struct TaggedFilter {
  std::vector<std::string> record_types;  // the types the caller may see; empty = none
  std::optional<std::string> record_type;
  std::optional<std::pair<std::string, Id>> after;  // keyset cursor: (record_type, record_id)
  int limit = 50;
};

inline constexpr std::size_t tag_name_chars_max = 40;
inline constexpr std::size_t tag_description_chars_max = 200;
inline constexpr std::size_t tags_per_tenant_max = 500;
inline constexpr std::size_t tags_per_record_max = 20;
inline constexpr std::size_t record_ids_per_lookup_max = 500;
inline constexpr const char* default_color = "blue";

// Ant Design's preset tag colors; any "#rrggbb" is accepted too.
bool valid_color(std::string_view color);

// A module's list query keeps only records carrying a tag with this condition (the tag id bound
// to `tag_placeholder`, e.g. db::Where::bind's "$4"): the filter runs in the same query, never as
// a post-filter. `record_type` is the module's constant type code, `tenant_column`/`id_column`
// its row's columns.
std::string tagged_condition(std::string_view record_type, std::string_view tenant_column, std::string_view id_column,
                             std::string_view tag_placeholder);

// Decimal id text (as ids are rendered in JSON) → id; nothing when it is not one.
std::optional<Id> id_from_text(std::string_view text);

}  // namespace rg::tags
