#include "banking/customers/record_types.hpp"

#include "banking/customers/store.hpp"
#include "banking/permissions.hpp"

namespace rg::customers {

void register_customer_types(events::EventCatalog& catalog, deleted::RecordTypes& deleted, tags::RecordTypes& tags,
                             CustomerService& service) {
  register_customer_events(catalog);
  deleted.add({record_type_customer, "Cliente", "Customer",
               [&service](db::Transaction& tx, const audit::Entry& who, Id id) -> Result<std::string> {
                 auto restored = service.restore(tx, who, id);
                 if (!restored) return restored.error();
                 return customer_json(*restored);
               }});
  deleted.add({record_type_partner, "Sócio de cliente", "Customer partner",
               [&service](db::Transaction& tx, const audit::Entry& who, Id id) -> Result<std::string> {
                 auto restored = service.restore_partner(tx, who, id);
                 if (!restored) return restored.error();
                 return partner_json(*restored);
               }});
  tags.add({record_type_customer, "Cliente", "Customer", banking::perm::customers_read,
            [](db::Transaction& tx, std::int64_t tenant_id, Id id) -> std::optional<std::string> {
              auto customer = store::find_customer(tx, tenant_id, id);
              if (!customer) return std::nullopt;
              return customer->name;
            }});
}

}  // namespace rg::customers
