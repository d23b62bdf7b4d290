-- Webhooks (PLT-08): triggers per tenant, one delivery per (event, trigger) or per test/resend,
-- every HTTP attempt of a delivery, and the per-tenant cursor over `events` that the fan-out job
-- advances (plus the events it already handled ahead of the cursor).
-- `secret` is the Standard Webhooks signing secret ("whsec_" + base64). It must be readable to
-- sign, so it is stored as is; the API returns it only on create and rotate.
CREATE TABLE webhook_triggers (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  url TEXT NOT NULL,
  description TEXT NOT NULL,
  event_types TEXT NOT NULL,
  active SMALLINT NOT NULL,
  secret TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  deleted_at_us BIGINT,
  -- Endpoint health: consecutive failed attempts and when the failing streak began (NULL
  -- after a success). A trigger failing long enough is deactivated with a reason.
  consecutive_failures INTEGER NOT NULL,
  failing_since_us BIGINT,
  disabled_reason TEXT,
  disabled_at_us BIGINT,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE webhook_deliveries (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  trigger_id BIGINT NOT NULL,
  event_id BIGINT,
  event_type TEXT NOT NULL,
  is_test SMALLINT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  last_status_code INTEGER,
  last_latency_ms BIGINT,
  last_response_excerpt TEXT,
  last_error TEXT,
  next_attempt_at_us BIGINT,
  created_at_us BIGINT NOT NULL,
  delivered_at_us BIGINT,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX webhook_deliveries_trigger ON webhook_deliveries (tenant_id, trigger_id, id);
CREATE INDEX webhook_deliveries_status ON webhook_deliveries (tenant_id, status, id);

-- One row per HTTP attempt of a delivery (attempt_no from 1): the delivery log.
CREATE TABLE webhook_attempts (
  tenant_id BIGINT NOT NULL,
  delivery_id BIGINT NOT NULL,
  attempt_no INTEGER NOT NULL,
  trigger_id BIGINT NOT NULL,
  attempted_at_us BIGINT NOT NULL,
  status_code INTEGER,
  latency_ms BIGINT NOT NULL,
  response_excerpt TEXT,
  error TEXT,
  PRIMARY KEY (tenant_id, delivery_id, attempt_no)
);

-- The last event id the fan-out has examined, per tenant. A row is created with the tenant's
-- first trigger, starting at its newest event, so older events are never delivered.
CREATE TABLE webhook_cursors (
  tenant_id BIGINT NOT NULL,
  last_event_id BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id)
);

-- Events after the cursor that a fan-out pass already handled (the fast path does not wait for
-- the settle window). Rows at or below the cursor are deleted when it advances.
CREATE TABLE webhook_fanned (
  tenant_id BIGINT NOT NULL,
  event_id BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, event_id)
);
