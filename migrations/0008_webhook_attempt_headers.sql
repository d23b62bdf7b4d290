-- Webhooks (PLT-08): what each attempt actually sent, so the delivery log can show it and a
-- receiver's "bad signature" can be checked against it: the webhook-timestamp header (seconds)
-- and the webhook-signature header (an HMAC of that attempt's id.timestamp.body, not the secret).
ALTER TABLE webhook_attempts ADD COLUMN webhook_timestamp BIGINT;
ALTER TABLE webhook_attempts ADD COLUMN signature TEXT;

-- The deliveries log filters by creation period (created_from / created_to).
CREATE INDEX webhook_deliveries_created ON webhook_deliveries (tenant_id, created_at_us);
