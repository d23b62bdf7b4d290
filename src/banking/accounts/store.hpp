#pragma once
// SQL for accounts, account_numbers and tenant_ledger_accounts (portable, $1..$n).
#include <optional>
#include <string>
#include <vector>

#include "banking/accounts/model.hpp"
#include "db/database.hpp"

namespace rg::accounts::store {

void insert(db::Transaction& tx, const Account& a);
void update(db::Transaction& tx, const Account& a);  // status, reason, plan, night start, description, times
std::optional<Account> find(db::Transaction& tx, Id tenant_id, Id id, bool lock = false);
std::optional<Account> find_by_number(db::Transaction& tx, Id tenant_id, const std::string& branch, const std::string& number);
std::vector<Account> list(db::Transaction& tx, Id tenant_id, const ListFilter& f);
std::vector<Account> children(db::Transaction& tx, Id tenant_id, Id parent_id);
std::int64_t count_with_plan(db::Transaction& tx, Id tenant_id, Id plan_id);
std::int64_t count_of_customer(db::Transaction& tx, Id tenant_id, Id customer_id);
// Takes the tenant's next account number (locks the counter row).
std::int64_t next_number(db::Transaction& tx, Id tenant_id);

std::optional<Id> tenant_ledger_account(db::Transaction& tx, Id tenant_id, const std::string& purpose);
void insert_tenant_ledger_account(db::Transaction& tx, Id tenant_id, const std::string& purpose, Id ledger_account_id);

}  // namespace rg::accounts::store
