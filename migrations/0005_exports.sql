-- Exports (PLT-09): one row per background export. The file lives in the server's data
-- directory (<data-dir>/exports/<tenant_id>/<id>.<format>) until expires_at_us, when a periodic
-- job deletes it and marks the row 'expired'. Small exports are answered at once and only audited.
-- `permissions` snapshots the requester's permissions (JSON array) so the job produces exactly
-- what the list showed them when they asked.
CREATE TABLE exports (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  requested_by BIGINT NOT NULL,
  requested_by_name TEXT NOT NULL,
  list_type TEXT NOT NULL,
  format TEXT NOT NULL,
  query_string TEXT NOT NULL,
  locale TEXT NOT NULL,
  permissions TEXT NOT NULL,
  status TEXT NOT NULL,
  row_count BIGINT,
  size_bytes BIGINT,
  file_name TEXT NOT NULL,
  error TEXT,
  created_at_us BIGINT NOT NULL,
  finished_at_us BIGINT,
  expires_at_us BIGINT,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX exports_requester ON exports (tenant_id, requested_by, id);
CREATE INDEX exports_expiry ON exports (status, expires_at_us);
