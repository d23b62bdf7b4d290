#include "demo/demo.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "banking/customers/demo.hpp"
#include "banking/transfers/demo.hpp"
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

// Stands in for the partner's homologation endpoint while the demo loads: answers 200 to every
// POST on 127.0.0.1:`port`, one connection at a time. Gone once `retaguarda demo` returns.
class DemoReceiver {
 public:
  explicit DemoReceiver(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 8) != 0) {
      if (fd_ >= 0) ::close(fd_);
      fd_ = -1;  // the port is taken: whoever listens there is not ours to post test data to
      return;
    }
    thread_ = std::thread([this] {
      while (!stop_) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        if (const int client = ::accept(fd_, nullptr, nullptr); client >= 0) {
          answer(client);
          ::close(client);
        }
      }
    });
  }
  ~DemoReceiver() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (fd_ >= 0) ::close(fd_);
  }
  bool listening() const { return fd_ >= 0; }

 private:
  // Reads the request (headers and Content-Length bytes of body), then answers.
  static void answer(int client) {
    std::string data;
    char buffer[4096];
    for (std::size_t need = std::string::npos; data.size() < need;) {
      pollfd p{client, POLLIN, 0};
      if (::poll(&p, 1, 2000) <= 0) return;
      const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      data.append(buffer, static_cast<std::size_t>(n));
      const auto end = data.find("\r\n\r\n");
      if (need == std::string::npos && end != std::string::npos) {
        std::string head = data.substr(0, end);
        for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const auto at = head.find("content-length:");
        need = end + 4 + (at == std::string::npos ? 0 : std::stoul(head.substr(at + 15)));
      }
    }
    const std::string body = R"({"received":true,"system":"core-homologacao"})";
    const std::string response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                 std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    ::send(client, response.data(), response.size(), MSG_NOSIGNAL);
  }

  int fd_ = -1;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

std::vector<std::string> event_types_of(const webhooks::WebhookService& service, const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& type : service.catalog().all()) {
    if (type.type.rfind(prefix, 0) == 0) out.push_back(type.type);
  }
  return out;
}

// Webhooks (PLT-08), part 1, before the demo's operators exist: the homologation trigger, so
// the operator events that follow are delivered to it once `serve` runs.
Result<webhooks::Trigger> create_homologation_trigger(webhooks::WebhookService& service, const audit::Entry& who) {
  webhooks::TriggerInput in;
  in.url = "http://127.0.0.1:" + std::to_string(webhook_receiver_port) + "/webhooks/retaguarda";
  in.description = "Core bancário – homologação";
  in.event_types = event_types_of(service, "operator.");
  return service.create(who, in);
}

// Part 2: test deliveries while a receiver answers on the homologation URL (delivered, one
// resent), and a security-monitoring trigger that was deactivated with a simulation still queued
// (that delivery fails). After the demo, nothing listens on the homologation URL: the operator
// events queued for it at `serve` fail with "connection refused" and are retried with backoff.
bool load_webhooks(Services& s, const audit::Entry& who, const webhooks::Trigger& homologation, std::ostream& out) {
  DemoReceiver receiver(webhook_receiver_port);
  auto fail = [&](const Error& e, const char* what) {
    out << "demo: " << what << ": " << e.detail << "\n";
    return false;
  };
  for (const char* type : {"operator.created", "operator.disabled"}) {
    if (auto d = s.webhooks.simulate(who, homologation.id, type); !d) return fail(d.error(), "simulate");
  }
  webhooks::TriggerInput siem;
  siem.url = "https://siem.bancoaurora.com.br/hooks/retaguarda";
  siem.description = "Monitoramento de segurança (SIEM) – aguardando liberação do firewall";
  siem.event_types = event_types_of(s.webhooks, "operator.disabled");
  for (const auto& type : event_types_of(s.webhooks, "operator.deleted")) siem.event_types->push_back(type);
  for (const auto& type : event_types_of(s.webhooks, "webhook.")) siem.event_types->push_back(type);
  auto security = s.webhooks.create(who, siem);
  if (!security) return fail(security.error(), "trigger");
  if (auto d = s.webhooks.simulate(who, security->id, "operator.disabled"); !d) return fail(d.error(), "simulate");
  webhooks::TriggerInput off;
  off.active = false;
  if (auto t = s.webhooks.update(who, security->id, off); !t) return fail(t.error(), "deactivate");
  if (!receiver.listening()) {
    out << "demo: 127.0.0.1:" << webhook_receiver_port
        << " is in use; the demo's test deliveries stay queued for `serve`\n";
    return true;
  }
  s.jobs.run_due("demo-loader", 100);
  webhooks::DeliveryFilter first;
  first.trigger_id = homologation.id;
  const auto sent = s.webhooks.deliveries(who.tenant_id, first);
  if (!sent.empty()) {
    if (auto d = s.webhooks.resend(who, sent.back().id); !d) return fail(d.error(), "resend");
    s.jobs.run_due("demo-loader", 100);
  }
  return true;
}

void print_logins(std::ostream& out) {
  out << "Demo tenant \"" << tenant_name << "\":\n"
      << "  manager (Gestor):  " << manager_email << " / " << password << "\n"
      << "  checker (Gestor):  " << checker_email << " / " << password << "\n"
      << "Platform tenant \"" << platform_tenant_name << "\":\n"
      << "  platform admin:    " << platform_admin_email << " / " << password << "\n";
}

// The platform operator's tenant and its administrator, who broadcasts the demo's messages and
// enables the demo tenant's messaging resource (PLT-11, PLT-12, PLT-16).
bool load_platform(Services& s, const audit::Entry& manager, std::ostream& out) {
  identity::BootstrapInput bootstrap{platform_tenant_name, "operacao@retaguarda.com.br", "Otávio Nunes",
                                     platform_admin_email, std::string(password), true};
  auto admin = s.identity.bootstrap(bootstrap);
  if (!admin) {
    out << "demo: platform tenant: " << admin.error().detail << "\n";
    return false;
  }
  audit::Entry who;
  who.tenant_id = admin->tenant_id;
  who.actor_type = "operator";
  who.actor_id = admin->id;
  who.actor_name = admin->name;
  who.request_id = "demo-loader";
  return messages::load_demo(s.platform, who, manager, out);
}

}  // namespace

// Tags on operators and a trigger (PLT-13); one deleted operator and one deleted trigger in
// "Registros Excluídos" (PLT-14), deleted by the checker.
bool load_tags_and_deleted(Services& s, const audit::Entry& who, const std::map<std::string, Id>& ids,
                           const webhooks::Trigger& homologation, std::ostream& out) {
  const struct {
    const char* name;
    const char* color;
    const char* description;
  } tags[] = {{"Líder de equipe", "green", "Responde pela equipe no plantão"},
              {"Plantão", "orange", "Escala de plantão deste mês"},
              {"Treinamento", "cyan", "Em treinamento: acompanhar os primeiros acessos"},
              {"Auditoria externa", "purple", "Acesso concedido a auditores"},
              {"Integração", "geekblue", "Sistemas e integrações"}};
  std::map<std::string, Id> tag;
  for (const auto& t : tags) {
    auto created = s.tags.create(who, {t.name, t.color, t.description});
    if (!check(created.ok() ? Status{} : Status{created.error()}, out, "tag")) return false;
    tag[t.name] = created->id;
  }
  const std::pair<const char*, const char*> operator_tags[] = {
      {manager_email, "Líder de equipe"},
      {checker_email, "Líder de equipe"},
      {"rafael.costa@bancoaurora.com.br", "Plantão"},
      {"julia.ramos@bancoaurora.com.br", "Treinamento"},
      {"julia.ramos@bancoaurora.com.br", "Plantão"},
      {"patricia.lopes@bancoaurora.com.br", "Auditoria externa"},
      {"integracao@bancoaurora.com.br", "Integração"}};
  for (const auto& [email, name] : operator_tags) {
    const Id id = email == std::string(manager_email) ? *who.actor_id : ids.at(email);
    auto attached = s.tags.attach(who, tag[name], identity::record_type_operator, id);
    if (!check(attached.ok() ? Status{} : Status{attached.error()}, out, "tag attach")) return false;
  }
  auto attached = s.tags.attach(who, tag["Integração"], "webhook_trigger", homologation.id);
  if (!check(attached.ok() ? Status{} : Status{attached.error()}, out, "tag attach")) return false;

  audit::Entry checker = who;
  checker.actor_id = ids.at(checker_email);
  checker.actor_name = "Carlos Menezes";
  identity::OperatorInput leaver;
  leaver.name = "Eduardo Tavares";
  leaver.email = "eduardo.tavares@bancoaurora.com.br";
  for (const auto& role : s.identity.roles(who.tenant_id)) {
    if (role.code == identity::role_common) leaver.role_id = role.id;
  }
  auto eduardo = s.identity.create_operator(who, leaver);
  if (!check(eduardo.ok() ? Status{} : Status{eduardo.error()}, out, "leaver")) return false;
  attached = s.tags.attach(who, tag["Plantão"], identity::record_type_operator, eduardo->id);
  if (!check(attached.ok() ? Status{} : Status{attached.error()}, out, "tag attach")) return false;
  if (!check(s.identity.delete_operator(checker, eduardo->id), out, "delete operator")) return false;
  webhooks::TriggerInput old_erp;
  old_erp.url = "https://erp-antigo.bancoaurora.com.br/webhooks";
  old_erp.description = "ERP antigo (desativado na migração)";
  old_erp.event_types = std::vector<std::string>{"operator.created", "operator.deleted"};
  old_erp.active = false;
  auto old = s.webhooks.create(who, old_erp);
  if (!check(old.ok() ? Status{} : Status{old.error()}, out, "old trigger")) return false;
  return check(s.webhooks.remove(checker, old->id), out, "delete trigger");
}

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

  auto homologation = create_homologation_trigger(s.webhooks, who);
  if (!check(homologation.ok() ? Status{} : Status{homologation.error()}, out, "webhook trigger")) return false;

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
  if (!load_platform(s, who, out)) return false;
  if (!load_webhooks(s, who, *homologation, out)) return false;
  if (!load_tags_and_deleted(s, who, ids, *homologation, out)) return false;
  if (!banking::load_demo_limits_and_plans(s.banking, who, out)) return false;
  if (!customers::load_demo_customers(s.customers, who, out)) return false;
  {
    customers::CustomerFilter all;
    all.limit = 500;
    std::vector<Id> customer_ids;
    std::vector<Id> companies;
    std::vector<Id> people;
    for (const auto& c : s.customers.list(who.tenant_id, all)) {
      customer_ids.insert(customer_ids.begin(), c.id);
      (c.pf() ? people : companies).insert((c.pf() ? people : companies).begin(), c.id);
    }
    if (!transfers::load_demo_accounts(s.accounts, s.transfers, who, customer_ids, out)) return false;
    transfers::DemoPlans plans;
    for (const auto& p : s.banking.plans.list(who.tenant_id, {})) {
      if (p.name == "Empresarial PJ") plans.business = p.id;
      if (p.name == "Plus") plans.plus = p.id;
    }
    if (!transfers::load_demo_tariffs(s.accounts, s.transfers, s.billing, who, plans, companies, people, out)) {
      return false;
    }
  }
  print_logins(out);
  return true;
}

}  // namespace rg::demo
