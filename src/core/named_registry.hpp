#pragma once
// A registry of entries keyed by their `type` string, filled at start-up by modules (record types
// of tags and of deleted records): add once, find by name, list in name order.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace rg {

template <typename Entry>
class NamedRegistry {
 public:
  // `what` names the registry in the error of a second registration.
  void add(Entry entry, const char* what) {
    if (entries_.count(entry.type)) throw std::logic_error(std::string(what) + " registered twice: " + entry.type);
    const std::string key = entry.type;
    entries_.emplace(key, std::move(entry));
  }
  const Entry* find(const std::string& type) const {
    auto it = entries_.find(type);
    return it == entries_.end() ? nullptr : &it->second;
  }
  std::vector<const Entry*> all() const {
    std::vector<const Entry*> out;
    for (const auto& [_, entry] : entries_) out.push_back(&entry);
    return out;
  }

 private:
  std::map<std::string, Entry> entries_;
};

}  // namespace rg
