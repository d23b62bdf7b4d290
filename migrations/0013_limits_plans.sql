-- Limits (TRX-05), cash-out levels (ACC-14), plans (ACC-03) and their tariffs (TRX-06).
-- Accounts live in the accounts module's own tables; account_id here is that account's id, kept
-- without a foreign key (the accounts module checks existence through a hook).

-- A limit rule: one transaction type for the tenant's whole base (account_id = 0) or for one
-- account (an override). Values in centavos; NULL = no limit (base) or "inherit the base value"
-- (account override).
CREATE TABLE limit_rules (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  account_id BIGINT NOT NULL,
  transaction_type TEXT NOT NULL,
  day_per_transaction BIGINT,
  day_per_day BIGINT,
  night_per_transaction BIGINT,
  night_per_day BIGINT,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX limit_rules_scope ON limit_rules (tenant_id, account_id, transaction_type);

-- Cash-out levels: numbered 1..N per tenant, each with its own cash-out limits.
CREATE TABLE cash_out_levels (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  level INTEGER NOT NULL,
  name TEXT NOT NULL,
  day_per_transaction BIGINT,
  day_per_day BIGINT,
  night_per_transaction BIGINT,
  night_per_day BIGINT,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX cash_out_levels_level ON cash_out_levels (tenant_id, level);

-- The cash-out level of an account (at most one).
CREATE TABLE account_cash_out_levels (
  tenant_id BIGINT NOT NULL,
  account_id BIGINT NOT NULL,
  level_id BIGINT NOT NULL,
  assigned_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, account_id),
  FOREIGN KEY (tenant_id, level_id) REFERENCES cash_out_levels (tenant_id, id)
);
CREATE INDEX account_cash_out_levels_level ON account_cash_out_levels (tenant_id, level_id);

-- Plans (service baskets). Soft-deleted (PLT-14). Exactly one live default plan per tenant.
-- parameters: a small JSON object of string values.
CREATE TABLE plans (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  description TEXT NOT NULL,
  active SMALLINT NOT NULL,
  is_default SMALLINT NOT NULL,
  overdraft_limit BIGINT NOT NULL,
  monthly_fee BIGINT NOT NULL,
  parameters TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  deleted_at_us BIGINT,
  deleted_by BIGINT,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX plans_name ON plans (tenant_id, name_folded) WHERE deleted_at_us IS NULL;
CREATE UNIQUE INDEX plans_default ON plans (tenant_id) WHERE is_default = 1 AND deleted_at_us IS NULL;

-- Card product IDs offered with a plan ("Gerenciar IDs de Cartão").
CREATE TABLE plan_card_products (
  tenant_id BIGINT NOT NULL,
  plan_id BIGINT NOT NULL,
  card_product_id TEXT NOT NULL,
  added_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, plan_id, card_product_id),
  FOREIGN KEY (tenant_id, plan_id) REFERENCES plans (tenant_id, id)
);

-- A plan's tariff on one operation (a transaction type, monthly_fee or account_opening): fixed
-- centavos or basis points of the amount, optional minimum and maximum, a free monthly quota.
CREATE TABLE tariffs (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  plan_id BIGINT NOT NULL,
  operation TEXT NOT NULL,
  kind TEXT NOT NULL,
  fixed_amount BIGINT NOT NULL,
  rate_bps BIGINT NOT NULL,
  min_amount BIGINT,
  max_amount BIGINT,
  free_quota INTEGER NOT NULL,
  active SMALLINT NOT NULL,
  description TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, plan_id) REFERENCES plans (tenant_id, id)
);
CREATE UNIQUE INDEX tariffs_operation ON tariffs (tenant_id, plan_id, operation);
