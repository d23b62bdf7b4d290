#include "platform/messages/demo.hpp"

namespace rg::messages {

namespace {

bool check(bool ok, const Error* e, std::ostream& out, const char* what) {
  if (!ok) out << "demo: " << what << ": " << (e ? e->detail : "failed") << "\n";
  return ok;
}

template <typename T>
bool check(const Result<T>& r, std::ostream& out, const char* what) {
  return check(r.ok(), r.ok() ? nullptr : &r.error(), out, what);
}

}  // namespace

bool load_demo(DemoServices s, const audit::Entry& admin, const audit::Entry& manager, std::ostream& out) {
  // The demo tenant has contracted push notifications.
  if (!check(s.messages.set_resources(admin, manager.tenant_id, {{resource_messaging, true}}), out, "resources")) {
    return false;
  }

  // Broadcasts: two already read by the manager, one warning still unread (the sign-in notice).
  MessageInput welcome;
  welcome.title = "Bem-vindo ao Retaguarda";
  welcome.body = "Este é o canal oficial de comunicados da plataforma.\n\nAqui você recebe avisos de manutenção, "
                 "novidades e mudanças regulatórias. Mensagens importantes também aparecem ao entrar no console.";
  welcome.severity = "info";
  welcome.audience = "all";
  MessageInput release;
  release.title = "Novidade: notificações push para clientes";
  release.body = "Agora é possível enviar notificações push aos aplicativos dos seus clientes em "
                 "**Plataforma › Notificações push**.\n\nO recurso precisa estar contratado; fale com o suporte.";
  release.severity = "info";
  release.audience = "tenants";
  release.tenant_ids = std::vector<std::int64_t>{manager.tenant_id};
  MessageInput maintenance;
  maintenance.title = "Manutenção programada do SPI no sábado";
  maintenance.body = "O Banco Central fará manutenção no SPI no sábado, das 02h às 04h (horário de Brasília).\n\n"
                     "Durante a janela, transferências Pix ficam em fila e são liquidadas ao final. "
                     "Avise suas equipes de atendimento.";
  maintenance.severity = "warning";
  maintenance.audience = "all";
  for (const auto* in : {&welcome, &release, &maintenance}) {
    auto m = s.messages.create(admin, *in);
    if (!check(m, out, "message")) return false;
    if (in != &maintenance && !check(s.messages.open(manager.tenant_id, *manager.actor_id, m->id), out, "view")) {
      return false;
    }
  }

  support::SupportSettings contact;
  contact.label = "Central de Suporte Retaguarda";
  contact.url = "https://suporte.retaguarda.com.br/bancoaurora";
  contact.email = "suporte@retaguarda.com.br";
  contact.phone = "0800 727 2026";
  contact.hours = "Segunda a sexta, das 8h às 20h; plantão 24h para incidentes";
  if (!check(s.support.set(manager, contact), out, "support")) return false;

  // Devices: two customers with working phones, one whose app was removed (the gateway answers
  // "unregistered"), so the outbox shows delivered and failed notifications once `serve` runs.
  struct DemoDevice {
    const char* customer;
    const char* platform;
    const char* hex;
  };
  const DemoDevice devices[] = {
      {"cliente-10482", "android", "3f9a1c7e5b2d48a6901c3e7f5a2b8d4c"},
      {"cliente-10482", "ios", "7c1e9a3b5d2f4806a1b3c5d7e9f0a2b4"},
      {"cliente-22917", "android", "a4b6c8d0e2f41357a9bbcdef01234567"},
      {"cliente-30555", "ios", "00d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8"},
  };
  for (const auto& d : devices) {
    if (!check(s.push.register_device(manager, d.customer, d.platform, push::sandbox_token(d.platform, d.hex)), out,
               "device")) {
      return false;
    }
  }
  const push::NotificationInput notifications[] = {
      {"cliente-10482", "Pix recebido", "Você recebeu um Pix de R$ 250,00 de Maria Oliveira.",
       std::string(R"({"link":"aurora://extrato"})")},
      {"cliente-22917", "Fatura disponível", "A fatura do seu cartão vence em 10/12. Valor: R$ 1.327,45.",
       std::string(R"({"link":"aurora://cartao/fatura"})")},
      {"cliente-30555", "Atualize seu aplicativo", "Uma nova versão do app Banco Aurora está disponível.", std::nullopt},
  };
  for (const auto& n : notifications) {
    if (!check(s.push.send(manager, n), out, "push")) return false;
  }
  return true;
}

}  // namespace rg::messages
