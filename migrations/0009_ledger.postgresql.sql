-- ledger_transfers (see 0009_ledger.sql); the PostgreSQL part.
-- `client_id` is the client's idempotency key: a transfer sent again with the same key answers
-- the original. `pending_id` links a post/void to its pending transfer. `debit_balance` and
-- `credit_balance` are each account's posted balance (credits - debits) right after the
-- transfer: the statement's running balance without summing history.
-- flags: 1 linked, 2 pending, 4 post pending, 8 void pending, 16 balancing debit.
-- state: posted | pending | voided | expired.
CREATE TABLE ledger_transfers (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  client_id TEXT NOT NULL,
  debit_account_id BIGINT NOT NULL,
  credit_account_id BIGINT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount >= 0),
  pending_id BIGINT,
  flags INTEGER NOT NULL,
  code TEXT NOT NULL,
  state TEXT NOT NULL,
  expires_at_us BIGINT,
  debit_balance BIGINT NOT NULL,
  credit_balance BIGINT NOT NULL,
  description TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ledger_transfers_client ON ledger_transfers (tenant_id, client_id);
CREATE INDEX ledger_transfers_debit ON ledger_transfers (tenant_id, debit_account_id, id);
CREATE INDEX ledger_transfers_credit ON ledger_transfers (tenant_id, credit_account_id, id);
-- Open pending transfers by expiry, for the expiry job; only pending rows are in it.
CREATE INDEX ledger_transfers_expiry ON ledger_transfers (expires_at_us) WHERE state = 'pending';
