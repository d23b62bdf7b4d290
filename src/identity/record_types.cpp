#include "identity/record_types.hpp"

#include "identity/store.hpp"

namespace rg::identity {

void register_identity_record_types(deleted::RecordTypes& deleted, tags::RecordTypes& tags, IdentityService& identity) {
  deleted.add({record_type_operator, "Operador", "Operator",
               [&identity](db::Transaction& tx, const audit::Entry& who, Id id) -> Result<std::string> {
                 auto restored = identity.restore_operator(tx, who, id);
                 if (!restored) return restored.error();
                 return operator_json(*restored);
               }});
  tags.add({record_type_operator, "Operador", "Operator", perm::operators_read,
            [](db::Transaction& tx, std::int64_t tenant_id, Id id) -> std::optional<std::string> {
              auto op = store::find_operator(tx, tenant_id, id);
              if (!op) return std::nullopt;
              return op->name;
            }});
}

}  // namespace rg::identity
