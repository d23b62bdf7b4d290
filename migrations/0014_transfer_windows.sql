-- What an account sent in a window (TRX-05 day/night totals, TRX-06 free monthly quota): the
-- completed transfers of one origin account by completion time, read inside every transfer.
CREATE INDEX p2p_transfers_sent ON p2p_transfers (tenant_id, from_account_id, completed_at_us)
  WHERE status = 'completed';
