-- Account history as chains through the transfers (TRX-01, DESIGN.md §7). Each transfer names
-- the previous transfer of its debit account and of its credit account (either side), and each
-- account its newest transfer; a statement walks the chain by primary key. This replaces the two
-- per-account indexes (tenant, debit_account_id, id) and (tenant, credit_account_id, id): every
-- transfer inserted into them landed at a random place of two growing B-trees, and those inserts
-- cost more than the rest of a transfer together (bench/ledger). The chain costs two columns in a
-- row already written and a column of the account row the transfer updates anyway.
ALTER TABLE ledger_accounts ADD COLUMN last_transfer_id BIGINT;
ALTER TABLE ledger_transfers ADD COLUMN debit_prev_id BIGINT;
ALTER TABLE ledger_transfers ADD COLUMN credit_prev_id BIGINT;

-- Existing transfers: each account's transfers in id order, each pointing to the one before.
CREATE TEMPORARY TABLE ledger_chain_backfill AS
  SELECT e.id, e.account_id, LAG(e.id) OVER (PARTITION BY e.account_id ORDER BY e.id) AS prev_id
  FROM (SELECT id, debit_account_id AS account_id FROM ledger_transfers
        UNION ALL SELECT id, credit_account_id AS account_id FROM ledger_transfers) e;
CREATE INDEX ledger_chain_backfill_key ON ledger_chain_backfill (id, account_id);
CREATE INDEX ledger_chain_backfill_account ON ledger_chain_backfill (account_id, id);
UPDATE ledger_transfers SET
  debit_prev_id = (SELECT b.prev_id FROM ledger_chain_backfill b
                   WHERE b.id = ledger_transfers.id AND b.account_id = ledger_transfers.debit_account_id),
  credit_prev_id = (SELECT b.prev_id FROM ledger_chain_backfill b
                    WHERE b.id = ledger_transfers.id AND b.account_id = ledger_transfers.credit_account_id);
UPDATE ledger_accounts SET last_transfer_id =
  (SELECT MAX(b.id) FROM ledger_chain_backfill b WHERE b.account_id = ledger_accounts.id);
DROP TABLE ledger_chain_backfill;

DROP INDEX ledger_transfers_debit;
DROP INDEX ledger_transfers_credit;
