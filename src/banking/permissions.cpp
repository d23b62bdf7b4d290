#include "banking/permissions.hpp"

#include "identity/permissions.hpp"

namespace rg::banking {

void register_banking_permissions(identity::PermissionRegistry& r) {
  // {code, group, pt-BR, en-US, sensitive, common (Usuário comum), commercial}
  r.add({perm::customers_read, "customers", "Ver clientes (PF e PJ) e sócios", "View customers (individuals and "
         "companies) and partners", false, true});
  r.add({perm::customers_write, "customers", "Cadastrar e editar clientes e sócios", "Register and edit customers and "
         "partners"});
  r.add({perm::customers_documents, "customers", "Enviar e baixar documentos de clientes",
         "Upload and download customers' documents", true});
  r.add({perm::accounts_read, "accounts", "Ver contas, saldos e extratos", "View accounts, balances and statements",
         false, true});
  r.add({perm::accounts_open, "accounts", "Abrir contas e subcontas", "Open accounts and sub-accounts"});
  r.add({perm::accounts_status, "accounts", "Suspender e reativar contas", "Suspend and reactivate accounts", true});
  r.add({perm::accounts_cancel, "accounts", "Cancelar contas e transferir saldo residual",
         "Cancel accounts and move the residual balance", true});
  r.add({perm::accounts_manage, "accounts", "Configurar contas (plano, alias, limite noturno, resgate, ressincronizar)",
         "Configure accounts (plan, alias, night start, redeem, resync)", true});
  r.add({perm::ledger_read, "ledger", "Ver o razão (lançamentos)", "View the ledger (transfers)"});
  r.add({perm::ledger_write, "ledger", "Lançar transferências no razão (integrações)",
         "Post ledger transfers (integrations)", true});
  r.add({perm::transfers_read, "transfers", "Ver transferências e comprovantes", "View transfers and receipts", false,
         true});
  r.add({perm::transfers_create, "transfers", "Fazer transferências P2P", "Make P2P transfers", true});
  r.add({perm::transfers_manage, "transfers", "Cancelar agendadas e reprocessar falhas",
         "Cancel scheduled transfers and process failed ones", true});
  r.add({perm::transfers_chargeback, "transfers", "Estornar transferências", "Reverse (charge back) transfers", true});
  r.add({perm::limits_read, "limits", "Ver limites", "View limits", false, true});
  r.add({perm::limits_write, "limits", "Criar e alterar limites", "Create and change limits", true});
  r.add({perm::plans_read, "plans", "Ver planos", "View plans", false, true});
  r.add({perm::plans_write, "plans", "Criar, alterar e excluir planos", "Create, change and delete plans"});
  r.add({perm::tariffs_read, "tariffs", "Ver tarifas", "View tariffs", false, true});
  r.add({perm::tariffs_write, "tariffs", "Criar e alterar tarifas", "Create and change tariffs", true});
  r.add({perm::revenue_read, "revenue", "Acessar a Central de Receitas", "Open the revenue center"});
  r.add({perm::billing_read, "billing", "Acessar a Central de Cobranças", "Open the billing center"});
  r.add({perm::billing_manage, "billing", "Cobrar agora e isentar tarifas pendentes", "Collect now and waive pending tariffs",
         true});
}

}  // namespace rg::banking
