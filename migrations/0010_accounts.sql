-- Digital accounts (ACC-06, ACC-07, ACC-10, ACC-12, ACC-16): a customer's main account and its
-- sub-accounts (escrow, loan, wallet), each backed by the ledger account with the same id. Balances
-- live in the ledger only; this row holds the bank domicile (branch, number, check digit), the
-- status lifecycle, the plan and the night-limit start.
CREATE TABLE accounts (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  parent_id BIGINT,
  branch TEXT NOT NULL,
  number TEXT NOT NULL,
  check_digit TEXT NOT NULL,
  status TEXT NOT NULL,
  status_reason TEXT NOT NULL,
  plan_id BIGINT,
  night_start_minutes INTEGER NOT NULL,
  description TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  cancelled_at_us BIGINT,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX accounts_number ON accounts (tenant_id, branch, number);
CREATE INDEX accounts_customer ON accounts (tenant_id, customer_id, id);
CREATE INDEX accounts_parent ON accounts (tenant_id, parent_id, id);

-- The next account number per tenant (numbers are never reused).
CREATE TABLE account_numbers (
  tenant_id BIGINT NOT NULL PRIMARY KEY,
  next_number BIGINT NOT NULL
);

-- The tenant's own ledger accounts by purpose: funding (money entering from outside, e.g. a test
-- deposit), revenue (tariffs), correction (resync repairs). Opened on first use.
CREATE TABLE tenant_ledger_accounts (
  tenant_id BIGINT NOT NULL,
  purpose TEXT NOT NULL,
  ledger_account_id BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, purpose)
);
