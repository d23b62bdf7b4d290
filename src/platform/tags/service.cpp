#include "platform/tags/service.hpp"

#include <boost/json.hpp>

#include <array>
#include <stdexcept>

#include "platform/tags/store.hpp"

namespace rg::tags {

namespace {

namespace json = boost::json;

bool has_control_characters(const std::string& text) {
  for (const unsigned char c : text) {
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

std::size_t utf8_length(const std::string& text) {
  std::size_t n = 0;
  for (const unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

Error tag_not_found() { return Error::not_found("Tag not found."); }

Error name_taken() {
  return Error{ErrorCode::conflict, "A tag with this name exists.", {{"name", "A tag with this name exists."}}};
}

// The unique index decides between two simultaneous writers of the same name.
template <typename Write>
Status unique_name(Write write) {
  try {
    write();
    return {};
  } catch (const db::DbError& e) {
    if (e.kind() == db::DbError::Kind::unique_violation) return name_taken();
    throw;
  }
}

}  // namespace

bool valid_color(std::string_view color) {
  static constexpr std::array<std::string_view, 13> presets = {
      "magenta", "red", "volcano", "orange", "gold", "lime", "green", "cyan", "blue", "geekblue", "purple", "default",
      "processing"};
  for (const auto preset : presets) {
    if (color == preset) return true;
  }
  if (color.size() != 7 || color[0] != '#') return false;
  return color.substr(1).find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
}

std::string tagged_condition(std::string_view record_type, std::string_view tenant_column, std::string_view id_column,
                             std::string_view tag_placeholder) {
  return "EXISTS (SELECT 1 FROM record_tags rt WHERE rt.tenant_id = " + std::string(tenant_column) +
         " AND rt.record_type = '" + std::string(record_type) + "' AND rt.record_id = " + std::string(id_column) +
         " AND rt.tag_id = " + std::string(tag_placeholder) + ")";
}

std::optional<Id> id_from_text(std::string_view text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  return static_cast<Id>(std::stoll(std::string(text)));
}

void RecordTypes::add(RecordType type) {
  if (!type.lookup) throw std::logic_error("tag record type without lookup: " + type.type);
  types_.add(std::move(type), "tag record type");
}

std::string tag_json(const Tag& t) {
  return json::serialize(json::object{{"id", std::to_string(t.id)},
                                      {"name", t.name},
                                      {"color", t.color},
                                      {"description", t.description},
                                      {"record_count", t.record_count},
                                      {"created_at", format_iso8601_utc(t.created_at_us)},
                                      {"updated_at", format_iso8601_utc(t.updated_at_us)}});
}

TagService::TagService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                       const RecordTypes& types)
    : db_(db), clock_(clock), ids_(ids), audit_(audit), types_(types) {}

std::vector<Tag> TagService::list(std::int64_t tenant_id, const std::optional<std::string>& text) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::list_tags(tx, tenant_id, text); });
}

Result<Tag> TagService::get(std::int64_t tenant_id, Id id) {
  auto tag = db_.transact(db::TxMode::read, [&](db::Transaction& tx) { return store::find_tag(tx, tenant_id, id); });
  if (!tag) return tag_not_found();
  return *tag;
}

Status TagService::validate(db::Transaction& tx, Tag& tag) {
  std::vector<FieldError> errors;
  if (tag.name.empty() || utf8_length(tag.name) > tag_name_chars_max || has_control_characters(tag.name)) {
    errors.push_back({"name", "A name of 1 to " + std::to_string(tag_name_chars_max) + " characters is required."});
  }
  if (!valid_color(tag.color)) {
    errors.push_back({"color", "Must be an Ant Design preset color (e.g. blue, green, gold) or #rrggbb."});
  }
  if (utf8_length(tag.description) > tag_description_chars_max || has_control_characters(tag.description)) {
    errors.push_back({"description", "At most " + std::to_string(tag_description_chars_max) + " characters."});
  }
  if (!errors.empty()) {
    return Error{ErrorCode::invalid, errors.size() == 1 ? errors.front().message : "Some fields are invalid.", errors};
  }
  if (auto other = store::find_tag_by_name(tx, tag.tenant_id, tag.name); other && *other != tag.id) {
    return name_taken();
  }
  return {};
}

Result<Tag> TagService::create(const audit::Entry& who, const TagInput& in) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Tag> {
    Tag tag;
    tag.tenant_id = who.tenant_id;
    tag.id = ids_.next();
    tag.name = in.name.value_or("");
    tag.color = in.color.value_or(default_color);
    tag.description = in.description.value_or("");
    tag.created_at_us = tag.updated_at_us = clock_.now_us();
    if (auto invalid = validate(tx, tag); !invalid) return invalid.error();
    if (store::count_tags(tx, who.tenant_id) >= static_cast<std::int64_t>(tags_per_tenant_max)) {
      return Error::conflict("A tenant can have at most " + std::to_string(tags_per_tenant_max) + " tags.");
    }
    if (auto written = unique_name([&] { store::insert_tag(tx, tag); }); !written) return written.error();
    audit_.record(tx, who, "tag.created", "tag", std::to_string(tag.id), "", tag_json(tag));
    return tag;
  });
}

Result<Tag> TagService::update(const audit::Entry& who, Id id, const TagInput& in) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Tag> {
    auto before = store::find_tag(tx, who.tenant_id, id, true);
    if (!before) return tag_not_found();
    Tag tag = *before;
    if (in.name) tag.name = *in.name;
    if (in.color) tag.color = *in.color;
    if (in.description) tag.description = *in.description;
    tag.updated_at_us = clock_.now_us();
    if (auto invalid = validate(tx, tag); !invalid) return invalid.error();
    if (auto written = unique_name([&] { store::update_tag(tx, tag); }); !written) return written.error();
    audit_.record(tx, who, "tag.updated", "tag", std::to_string(id), tag_json(*before), tag_json(tag));
    return tag;
  });
}

Status TagService::remove(const audit::Entry& who, Id id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto before = store::find_tag(tx, who.tenant_id, id, true);
    if (!before) return tag_not_found();
    store::delete_tag(tx, who.tenant_id, id);
    audit_.record(tx, who, "tag.deleted", "tag", std::to_string(id), tag_json(*before), "");
    return {};
  });
}

Result<bool> TagService::attach(const audit::Entry& who, Id tag_id, const std::string& record_type, Id record_id) {
  const RecordType* type = types_.find(record_type);
  if (!type) return Error::invalid("record_type", "Unknown record type.");
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<bool> {
    auto tag = store::find_tag(tx, who.tenant_id, tag_id, true);
    if (!tag) return tag_not_found();
    if (!type->lookup(tx, who.tenant_id, record_id)) return Error::not_found("Record not found.");
    if (store::count_record_tags(tx, who.tenant_id, record_type, record_id) >=
        static_cast<std::int64_t>(tags_per_record_max)) {
      return Error::conflict("A record can carry at most " + std::to_string(tags_per_record_max) + " tags.");
    }
    if (!store::attach(tx, who.tenant_id, tag_id, record_type, record_id, who.actor_id, clock_.now_us())) return false;
    const json::object detail{{"tag_id", std::to_string(tag_id)}, {"tag_name", tag->name}};
    audit_.record(tx, who, "tag.attached", record_type, std::to_string(record_id), "", json::serialize(detail));
    return true;
  });
}

Status TagService::detach(const audit::Entry& who, Id tag_id, const std::string& record_type, Id record_id) {
  if (!types_.find(record_type)) return Error::not_found("Unknown record type.");
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto tag = store::find_tag(tx, who.tenant_id, tag_id, true);
    if (!tag) return tag_not_found();
    if (!store::detach(tx, who.tenant_id, tag_id, record_type, record_id)) {
      return Error::not_found("The record does not carry this tag.");
    }
    const json::object detail{{"tag_id", std::to_string(tag_id)}, {"tag_name", tag->name}};
    audit_.record(tx, who, "tag.detached", record_type, std::to_string(record_id), json::serialize(detail), "");
    return {};
  });
}

Result<RecordsPage> TagService::records(std::int64_t tenant_id, Id tag_id, const TaggedFilter& filter) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) -> Result<RecordsPage> {
    if (!store::find_tag(tx, tenant_id, tag_id)) return tag_not_found();
    TaggedFilter probe = filter;
    probe.limit = filter.limit + 1;
    RecordsPage page;
    page.items = store::tagged_records(tx, tenant_id, tag_id, probe);
    if (static_cast<int>(page.items.size()) > filter.limit) {
      page.items.resize(filter.limit);
      page.next_cursor = page.items.back().record_type + ":" + std::to_string(page.items.back().record_id);
    }
    for (auto& item : page.items) {
      if (const RecordType* type = types_.find(item.record_type)) {
        item.label = type->lookup(tx, tenant_id, item.record_id).value_or("");
      }
    }
    return page;
  });
}

std::map<Id, std::vector<Tag>> TagService::tags_of(std::int64_t tenant_id, const std::string& record_type,
                                                   const std::vector<Id>& record_ids) {
  return db_.transact(db::TxMode::read,
                      [&](db::Transaction& tx) { return store::tags_of(tx, tenant_id, record_type, record_ids); });
}

}  // namespace rg::tags
