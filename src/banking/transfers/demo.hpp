#pragma once
// The demo tenant's accounts and money (ACC-06/07/12, TRX-01/02): accounts for the demo
// customers, sub-accounts, deposits, P2P transfers completed, failed, scheduled and cancelled, a
// suspended account and a cancelled one whose residual balance went to the holder's other
// account. Called by src/demo/demo.cpp after the customers.
#include <ostream>
#include <vector>

#include "banking/transfers/service.hpp"

namespace rg::transfers {

// `customers`: the demo customers' ids, oldest first (people, then companies).
bool load_demo_accounts(accounts::AccountService& accounts, TransferService& transfers, const audit::Entry& who,
                        const std::vector<Id>& customers, std::ostream& out);

// Tariffs at work (TRX-06, TRX-04), after load_demo_accounts: `business` and `plus` accounts
// move to those plans; a company sends more P2P transfers than its plan's free quota; a Plus
// customer spends all of its balance and overdraft, so its monthly fee waits in the billing
// center (another one is waived); two transfers are charged back, one in part.
struct DemoPlans {
  Id business = 0;  // "Empresarial PJ": P2P tariff after 5 free a month, monthly fee
  Id plus = 0;      // "Plus": monthly fee, R$ 1.000,00 overdraft
};
bool load_demo_tariffs(accounts::AccountService& accounts, TransferService& transfers, billing::BillingService& billing,
                       const audit::Entry& who, DemoPlans plans, const std::vector<Id>& company_customers,
                       const std::vector<Id>& person_customers, std::ostream& out);

}  // namespace rg::transfers
