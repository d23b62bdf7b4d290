// Identity actions that a tenant may put under maker-checker (PLT-06).
#include "identity/approval_actions.hpp"

#include <boost/json.hpp>

namespace rg::identity {

namespace {

Result<Id> operator_id_from(const std::string& payload) {
  boost::system::error_code ec;
  auto doc = boost::json::parse(payload, ec);
  if (ec || !doc.is_object()) return Error::invalid("payload", "Invalid payload.");
  const auto* id = doc.as_object().if_contains("operator_id");
  if (!id || !id->is_string()) return Error::invalid("operator_id", "Missing operator.");
  return static_cast<Id>(std::stoll(std::string(id->as_string())));
}

approvals::ActionRunner enable_runner(IdentityService& identity, bool enabled) {
  return [&identity, enabled](const approvals::ActionContext& ctx) -> Result<std::string> {
    auto id = operator_id_from(ctx.payload);
    if (!id) return id.error();
    auto op = identity.set_operator_enabled(ctx.tx, ctx.checker, *id, enabled);
    if (!op) return op.error();
    return operator_json(*op);
  };
}

}  // namespace

void register_identity_approval_actions(approvals::ApprovalEngine& engine, IdentityService& identity) {
  engine.register_action({action_operator_disable, "Desabilitar operador", "Disable operator", "To Be Inactivated",
                          "Inactive", enable_runner(identity, false)});
  engine.register_action({action_operator_enable, "Habilitar operador", "Enable operator", "To Be Activated",
                          "Active", enable_runner(identity, true)});
  engine.register_action({action_operator_delete, "Excluir operador", "Delete operator", "To Be Deleted", "Deleted",
                          [&identity](const approvals::ActionContext& ctx) -> Result<std::string> {
                            auto id = operator_id_from(ctx.payload);
                            if (!id) return id.error();
                            auto s = identity.delete_operator(ctx.tx, ctx.checker, *id);
                            if (!s) return s.error();
                            return std::string();
                          }});
}

void notify_checkers_by_email(approvals::ApprovalEngine& engine, IdentityService& identity) {
  engine.on_requested([&identity](db::Transaction& tx, const approvals::ApprovalRequest& request,
                                  const approvals::ActionSpec& spec) -> Status {
    return identity.email_checkers(tx, request.tenant_id, request.maker_id, perm::approvals_check, spec.label_pt,
                                   request.maker_name, request.id);
  });
}

std::string operator_payload(Id operator_id) {
  return "{\"operator_id\":\"" + std::to_string(operator_id) + "\"}";
}

}  // namespace rg::identity
