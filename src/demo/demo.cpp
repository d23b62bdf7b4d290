#include "demo/demo.hpp"

#include "identity/approval_actions.hpp"

namespace rg::demo {

namespace {

struct DemoOperator {
  const char* name;
  const char* email;
  const char* role_code;
  const char* access_interface;
  bool set_password;
  std::optional<std::int64_t> daily_limit;
  std::optional<std::int64_t> monthly_limit;
};

bool check(const Status& s, std::ostream& out, const char* what) {
  if (!s) out << "demo: " << what << ": " << s.error().detail << "\n";
  return s.ok();
}

void print_logins(std::ostream& out) {
  out << "Demo tenant \"" << tenant_name << "\":\n"
      << "  manager (Gestor):  " << manager_email << " / " << password << "\n"
      << "  checker (Gestor):  " << checker_email << " / " << password << "\n";
}

}  // namespace

bool load(Services s, std::ostream& out) {
  identity::BootstrapInput bootstrap{tenant_name, "contato@bancoaurora.com.br", "Helena Prado", manager_email,
                                     std::string(password)};
  auto manager = s.identity.bootstrap(bootstrap);
  if (!manager) {
    if (manager.error().code == ErrorCode::conflict) {
      print_logins(out);
      return true;  // already loaded
    }
    out << "demo: " << manager.error().detail << "\n";
    return false;
  }
  audit::Entry who;
  who.tenant_id = manager->tenant_id;
  who.actor_type = "operator";
  who.actor_id = manager->id;
  who.actor_name = manager->name;
  who.request_id = "demo-loader";

  std::map<std::string, Id> roles;
  for (const auto& r : s.identity.roles(manager->tenant_id)) roles[r.code] = r.id;
  auto audit_role = s.identity.create_role(who, "Auditoria interna", {"audit.read", "approvals.read", "operators.read"});
  if (!check(audit_role.ok() ? Status{} : Status{audit_role.error()}, out, "role")) return false;
  roles["audit"] = audit_role->id;

  const DemoOperator people[] = {
      {"Carlos Menezes", checker_email, identity::role_manager, identity::interface_both, true, {}, {}},
      {"Rafael Costa", "rafael.costa@bancoaurora.com.br", identity::role_commercial, identity::interface_both, true, 50, 1000},
      {"Patrícia Lopes", "patricia.lopes@bancoaurora.com.br", "audit", identity::interface_console, true, {}, {}},
      {"Júlia Ramos", "julia.ramos@bancoaurora.com.br", identity::role_common, identity::interface_both, false, {}, {}},
      {"Integração Core Bancário", "integracao@bancoaurora.com.br", identity::role_manager, identity::interface_api, true, {}, {}},
      {"Marcos Vieira", "marcos.vieira@bancoaurora.com.br", identity::role_common, identity::interface_console, true, {}, {}},
  };
  std::map<std::string, Id> ids;
  for (const auto& p : people) {
    identity::OperatorInput in;
    in.name = p.name;
    in.email = p.email;
    in.role_id = roles[p.role_code];
    in.access_interface = p.access_interface;
    if (p.daily_limit) in.daily_query_limit = p.daily_limit;
    if (p.monthly_limit) in.monthly_query_limit = p.monthly_limit;
    in.phone = std::optional<std::string>("(11) 9" + std::to_string(4000 + ids.size() * 37) + "-" +
                                          std::to_string(1000 + ids.size() * 111));
    auto op = s.identity.create_operator(who, in);
    if (!check(op.ok() ? Status{} : Status{op.error()}, out, p.email)) return false;
    ids[p.email] = op->id;
    if (p.set_password && !check(s.identity.set_initial_password(op->tenant_id, op->id, password), out, p.email)) {
      return false;
    }
  }
  if (!check(s.identity.set_operator_enabled(who, ids["marcos.vieira@bancoaurora.com.br"], false).ok()
                 ? Status{}
                 : Status{Error::internal("disable")},
             out, "disable")) {
    return false;
  }
  // Maker-checker: disabling operators needs a second manager's approval; one request waits.
  if (!check(s.approvals.set_policy(who, identity::action_operator_disable, true, 72), out, "policy")) return false;
  const Id rafael = ids["rafael.costa@bancoaurora.com.br"];
  auto pending = s.approvals.submit(who, identity::action_operator_disable, "operator", std::to_string(rafael),
                                    identity::operator_payload(rafael),
                                    "Desabilitar Rafael Costa (rafael.costa@bancoaurora.com.br)");
  if (!check(pending.ok() ? Status{} : Status{pending.error()}, out, "approval")) return false;
  print_logins(out);
  return true;
}

}  // namespace rg::demo
