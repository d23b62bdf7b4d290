#include "banking/common.hpp"

namespace rg::banking {

void record_change(db::Transaction& tx, audit::AuditLog& audit, events::EventLog& events, const audit::Entry& who,
                   const std::string& action, const std::string& target_type, Id target_id, const std::string& before,
                   const std::string& after) {
  audit.record(tx, who, action, target_type, std::to_string(target_id), before, after);
  events.publish(tx, who.tenant_id, action, target_type, std::to_string(target_id), after.empty() ? before : after,
                 who.request_id);
}

http::Response no_content() {
  http::Response r;
  r.status = 204;
  return r;
}

}  // namespace rg::banking
