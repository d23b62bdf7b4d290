#include "platform/webhooks/record_types.hpp"

#include "platform/webhooks/service.hpp"
#include "platform/webhooks/store.hpp"

namespace rg::webhooks {

void register_webhook_record_types(events::EventCatalog& catalog, deleted::RecordTypes& deleted,
                                   tags::RecordTypes& tags, const Clock& clock, const char* read_permission) {
  catalog.add({std::string(record_type_trigger) + ".restored", "Gatilho restaurado", "Trigger restored",
               R"({"id":"1","url":"https://exemplo.com.br/webhooks","event_types":["operator.created"],"active":false})"});
  deleted.add({record_type_trigger, "Gatilho (webhook)", "Trigger (webhook)",
               [&clock](db::Transaction& tx, const audit::Entry& who, Id id) -> Result<std::string> {
                 if (store::list_triggers(tx, who.tenant_id, false).size() >= triggers_per_tenant_max) {
                   return Error::conflict("A tenant can have at most " + std::to_string(triggers_per_tenant_max) +
                                          " triggers; delete one before restoring another.");
                 }
                 if (!store::restore_trigger(tx, who.tenant_id, id, clock.now_us())) {
                   return Error::not_found("Trigger not found among deleted records.");
                 }
                 return trigger_json(*store::find_trigger(tx, who.tenant_id, id));
               }});
  tags.add({record_type_trigger, "Gatilho (webhook)", "Trigger (webhook)", read_permission,
            [](db::Transaction& tx, std::int64_t tenant_id, Id id) -> std::optional<std::string> {
              auto trigger = store::find_trigger(tx, tenant_id, id);
              if (!trigger) return std::nullopt;
              return trigger->description.empty() ? trigger->url : trigger->description;
            }});
}

}  // namespace rg::webhooks
