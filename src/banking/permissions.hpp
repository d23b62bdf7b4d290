#pragma once
// Permissions of the digital-accounts modules (customers, accounts, ledger, transfers, limits,
// plans and tariffs; ACC-…, TRX-…). Registered once in the identity permission registry; every
// banking route names one of these.
namespace rg::identity {
class PermissionRegistry;
}

namespace rg::banking {

namespace perm {
// Customers PF/PJ, partners, documents (ACC-01, ACC-02, ACC-09).
inline constexpr const char* customers_read = "customers.read";
inline constexpr const char* customers_write = "customers.write";
inline constexpr const char* customers_documents = "customers.documents";  // upload and download
// Accounts and sub-accounts (ACC-05…08, ACC-10, ACC-12, ACC-16).
inline constexpr const char* accounts_read = "accounts.read";
inline constexpr const char* accounts_open = "accounts.open";          // open accounts and sub-accounts
inline constexpr const char* accounts_status = "accounts.status";      // suspend / reactivate, sync status
inline constexpr const char* accounts_cancel = "accounts.cancel";      // cancel (irreversible), move residual
inline constexpr const char* accounts_manage = "accounts.manage";      // plan, alias, night start, redeem, resync
// The ledger itself (TRX-01): raw transfer batches for integrations, funding, two-phase.
inline constexpr const char* ledger_read = "ledger.read";
inline constexpr const char* ledger_write = "ledger.write";
// Transfers P2P and receipts (TRX-02, TRX-04).
inline constexpr const char* transfers_read = "transfers.read";
inline constexpr const char* transfers_create = "transfers.create";
inline constexpr const char* transfers_manage = "transfers.manage";  // cancel scheduled, process failed
inline constexpr const char* transfers_chargeback = "transfers.chargeback";
// Limits (TRX-05, ACC-14).
inline constexpr const char* limits_read = "limits.read";
inline constexpr const char* limits_write = "limits.write";
// Plans and tariffs (ACC-03, TRX-06); revenue and billing centers.
inline constexpr const char* plans_read = "plans.read";
inline constexpr const char* plans_write = "plans.write";
inline constexpr const char* tariffs_read = "tariffs.read";
inline constexpr const char* tariffs_write = "tariffs.write";
inline constexpr const char* revenue_read = "revenue.read";  // Central de Receitas
inline constexpr const char* billing_read = "billing.read";  // Central de Cobranças
inline constexpr const char* billing_manage = "billing.manage";  // collect now, waive
}  // namespace perm

void register_banking_permissions(identity::PermissionRegistry& registry);

}  // namespace rg::banking
