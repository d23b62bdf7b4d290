-- Tariff charges (TRX-06): every tariff an account owes, collected at once or left pending for
-- lack of balance and collected later (the billing center), or waived by an operator. Collected
-- charges are the revenue center's figures. A charge's source is the operation that caused it (a
-- P2P transfer) or the period it is for (the monthly fee of "YYYY-MM"); one charge per source.
CREATE TABLE tariff_charges (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  account_id BIGINT NOT NULL,
  plan_id BIGINT,
  tariff_id BIGINT,
  operation TEXT NOT NULL,
  description TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  status TEXT NOT NULL,
  source_type TEXT NOT NULL,
  source_id TEXT NOT NULL,
  ledger_transfer_id BIGINT,
  attempts INTEGER NOT NULL,
  last_attempt_at_us BIGINT,
  created_at_us BIGINT NOT NULL,
  collected_at_us BIGINT,
  collected_on TEXT,
  waived_at_us BIGINT,
  waived_by_name TEXT,
  waive_reason TEXT,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX tariff_charges_source ON tariff_charges (tenant_id, account_id, source_type, source_id);
CREATE INDEX tariff_charges_list ON tariff_charges (tenant_id, status, id);
CREATE INDEX tariff_charges_account ON tariff_charges (tenant_id, account_id, id);
CREATE INDEX tariff_charges_collected ON tariff_charges (tenant_id, collected_at_us) WHERE status = 'collected';
CREATE INDEX tariff_charges_pending ON tariff_charges (id) WHERE status = 'pending';

-- Chargebacks (estornos, TRX-04): how much of a completed transfer was reversed so far.
ALTER TABLE p2p_transfers ADD COLUMN reversed_amount BIGINT NOT NULL DEFAULT 0;
CREATE INDEX p2p_transfers_reversal ON p2p_transfers (tenant_id, reversal_of) WHERE reversal_of IS NOT NULL;
