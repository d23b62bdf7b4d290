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

}  // namespace rg::transfers
