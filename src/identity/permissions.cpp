#include "identity/permissions.hpp"

#include <algorithm>
#include <stdexcept>

namespace rg::identity {

void PermissionRegistry::add(PermissionInfo info) {
  if (contains(info.code)) throw std::invalid_argument("permission registered twice: " + info.code);
  all_.push_back(std::move(info));
}

bool PermissionRegistry::contains(std::string_view code) const {
  for (const auto& p : all_) {
    if (p.code == code) return true;
  }
  return false;
}

bool PermissionRegistry::is_platform(std::string_view code) const {
  for (const auto& p : all_) {
    if (p.code == code) return p.platform;
  }
  return false;
}

std::vector<std::string> PermissionRegistry::codes() const {
  std::vector<std::string> out;
  for (const auto& p : all_) out.push_back(p.code);
  return out;
}

std::vector<std::string> PermissionRegistry::built_in_permissions(std::string_view role_code) const {
  std::vector<std::string> out;
  for (const auto& p : all_) {
    if (role_code == role_manager || (role_code == role_common && p.common) ||
        (role_code == role_commercial && p.commercial)) {
      out.push_back(p.code);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void register_identity_permissions(PermissionRegistry& r) {
  r.add({perm::operators_read, "operators", "Ver operadores", "View operators"});
  r.add({perm::operators_write, "operators", "Criar e editar operadores", "Create and edit operators"});
  r.add({perm::operators_disable, "operators", "Habilitar e desabilitar operadores", "Enable and disable operators"});
  r.add({perm::operators_delete, "operators", "Excluir operadores", "Delete operators", true});
  r.add({perm::roles_read, "roles", "Ver perfis e permissões", "View roles and permissions"});
  r.add({perm::roles_write, "roles", "Definir perfis e permissões", "Define roles and permissions", true});
  r.add({perm::api_keys_read, "api_keys", "Ver chaves de API", "View API keys"});
  r.add({perm::api_keys_write, "api_keys", "Criar e revogar chaves de API", "Create and revoke API keys", true});
  r.add({perm::audit_read, "audit", "Ver trilha de auditoria", "View the audit trail"});
  r.add({perm::mailbox_read, "mailbox", "Ver caixa de e-mails do sistema", "View the system mailbox"});
  r.add({perm::approvals_check, "approvals", "Aprovar ou rejeitar solicitações (checker)",
         "Approve or reject requests (checker)", true});
  r.add({perm::approvals_configure, "approvals", "Configurar ações que exigem aprovação",
         "Configure which actions require approval", true});
  r.add({perm::tenant_read, "tenant", "Ver dados da instituição", "View the institution's data", false, true, true});
  r.add({perm::webhooks_read, "webhooks", "Ver gatilhos (webhooks) e entregas", "View webhooks and deliveries"});
  r.add({perm::webhooks_write, "webhooks", "Configurar gatilhos (webhooks)", "Configure webhooks", true});
  r.add({perm::approvals_read, "approvals", "Ver solicitações de aprovação", "View approval requests", false, true});
  r.add({perm::exports_read, "exports", "Ver e baixar as próprias exportações", "View and download one's own exports",
         false, true});
  r.add({perm::messages_read, "messages", "Ler mensagens da plataforma", "Read platform messages", false, true, true});
  r.add({perm::support_configure, "support", "Configurar o contato de suporte", "Configure the support contact"});
  r.add({perm::push_read, "push", "Ver notificações push e dispositivos", "View push notifications and devices"});
  r.add({perm::push_send, "push", "Enviar notificações push a clientes", "Send push notifications to customers"});
  r.add({perm::push_devices, "push", "Registrar e remover dispositivos de clientes", "Register and remove customers' devices"});
  r.add({perm::platform_messages, "platform", "Publicar mensagens para as instituições (plataforma)",
         "Broadcast messages to institutions (platform)", true, false, false, true});
  r.add({perm::platform_tenants, "platform", "Ver instituições e ligar recursos (plataforma)",
         "View institutions and switch resources (platform)", true, false, false, true});
  r.add({perm::tags_read, "tags", "Listar tags", "List tags", false, true, true});
  r.add({perm::tags_write, "tags", "Criar, editar e atribuir tags", "Create, edit and assign tags"});
  r.add({perm::deleted_records_read, "deleted_records", "Ver registros excluídos", "View deleted records"});
  r.add({perm::deleted_records_restore, "deleted_records", "Restaurar registros excluídos", "Restore deleted records",
         true});
}

}  // namespace rg::identity
