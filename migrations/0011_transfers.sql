-- P2P transfers between accounts of the tenant (TRX-02): immediate or scheduled for a date (run
-- on that date, or on the next business day when it is not one), cancelled while scheduled,
-- processed again when they failed. Each completed one points at its ledger transfer.
CREATE TABLE p2p_transfers (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  client_id TEXT NOT NULL,
  from_account_id BIGINT NOT NULL,
  to_account_id BIGINT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  description TEXT NOT NULL,
  status TEXT NOT NULL,
  scheduled_for TEXT,
  execute_on TEXT,
  ledger_transfer_id BIGINT,
  tariff_amount BIGINT NOT NULL,
  failure_code TEXT,
  failure_reason TEXT,
  attempts INTEGER NOT NULL,
  reversal_of BIGINT,
  created_by BIGINT,
  created_by_name TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  completed_at_us BIGINT,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX p2p_transfers_client ON p2p_transfers (tenant_id, client_id);
CREATE INDEX p2p_transfers_from ON p2p_transfers (tenant_id, from_account_id, id);
CREATE INDEX p2p_transfers_to ON p2p_transfers (tenant_id, to_account_id, id);
CREATE INDEX p2p_transfers_due ON p2p_transfers (status, execute_on);
