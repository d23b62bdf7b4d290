-- Durable background jobs (PLT-15). tenant_id 0 is the platform itself.
CREATE TABLE jobs (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'dead', 'cancelled')),
  run_at_us BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  unique_key TEXT,
  locked_by TEXT,
  locked_until_us BIGINT,
  last_error TEXT,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  finished_at_us BIGINT,
  PRIMARY KEY (tenant_id, id)
);
-- The claim query walks this index: due jobs in run_at order.
CREATE INDEX jobs_due ON jobs (status, run_at_us);
-- At most one live (queued or running) job per unique key: periodic jobs and de-duplicated work.
CREATE UNIQUE INDEX jobs_live_unique_key ON jobs (tenant_id, unique_key)
  WHERE unique_key IS NOT NULL AND status IN ('queued', 'running');

-- One row per execution attempt: who ran it, when, and how it ended.
CREATE TABLE job_attempts (
  tenant_id BIGINT NOT NULL,
  job_id BIGINT NOT NULL,
  attempt INTEGER NOT NULL,
  worker_id TEXT NOT NULL,
  started_at_us BIGINT NOT NULL,
  finished_at_us BIGINT,
  outcome TEXT,
  error TEXT,
  PRIMARY KEY (tenant_id, job_id, attempt, worker_id),
  FOREIGN KEY (tenant_id, job_id) REFERENCES jobs (tenant_id, id) ON DELETE CASCADE
);
