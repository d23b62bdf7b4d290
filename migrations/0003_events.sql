-- Domain events (PLT-08): written in the same transaction as the change that caused them, so an
-- event exists if and only if its change committed. Webhook deliveries fan out from here.
CREATE TABLE events (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  type TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  request_id TEXT,
  occurred_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX events_type ON events (tenant_id, type, id);
CREATE INDEX events_subject ON events (tenant_id, subject_type, subject_id);
