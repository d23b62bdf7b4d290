-- Identity, access and accountability (PLT-01 … PLT-07, PLT-10).

-- Partner institutions. Tenant 0 is the platform itself and has no row here.
CREATE TABLE tenants (
  id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
  locale TEXT NOT NULL DEFAULT 'pt-BR',
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);

-- Named permission sets. Built-in roles (manager, common, commercial) are created per tenant
-- and cannot be deleted; tenants add custom ones.
CREATE TABLE roles (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  built_in SMALLINT NOT NULL DEFAULT 0,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code)
);

CREATE TABLE role_permissions (
  tenant_id BIGINT NOT NULL,
  role_id BIGINT NOT NULL,
  permission TEXT NOT NULL,
  PRIMARY KEY (tenant_id, role_id, permission),
  FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE
);

-- Back-office operators (seed 002 "Usuários"). email_folded is the lower-cased e-mail used for
-- sign-in, unique per tenant and, for sign-in by e-mail alone, across the platform.
CREATE TABLE operators (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  email_folded TEXT NOT NULL,
  phone TEXT,
  role_id BIGINT NOT NULL,
  access_interface TEXT NOT NULL CHECK (access_interface IN ('console', 'api', 'both')),
  daily_query_limit INTEGER,
  monthly_query_limit INTEGER,
  email_confirmed SMALLINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
  locale TEXT NOT NULL DEFAULT 'pt-BR',
  password_hash TEXT,
  previous_password_hash TEXT,
  password_changed_at_us BIGINT,
  failed_sign_ins INTEGER NOT NULL DEFAULT 0,
  locked_until_us BIGINT,
  totp_secret TEXT,
  totp_enabled SMALLINT NOT NULL DEFAULT 0,
  totp_last_step BIGINT,
  last_sign_in_at_us BIGINT,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  deleted_at_us BIGINT,
  deleted_by BIGINT,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id)
);
CREATE UNIQUE INDEX operators_email ON operators (email_folded) WHERE deleted_at_us IS NULL;

-- One-time codes sent by e-mail: first access (email confirmation) and password recovery.
-- Only the SHA-256 of the code is stored.
CREATE TABLE auth_codes (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  operator_id BIGINT NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('first_access', 'recovery')),
  code_hash TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  expires_at_us BIGINT NOT NULL,
  used_at_us BIGINT,
  created_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX auth_codes_operator ON auth_codes (tenant_id, operator_id, purpose);

-- Console sessions: the cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  operator_id BIGINT NOT NULL,
  token_hash TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  last_seen_at_us BIGINT NOT NULL,
  expires_at_us BIGINT NOT NULL,
  revoked_at_us BIGINT,
  ip TEXT,
  user_agent TEXT,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX sessions_token ON sessions (token_hash);
CREATE INDEX sessions_operator ON sessions (tenant_id, operator_id);

-- API keys for integrations (PLT-05): shown once, stored as SHA-256, scoped.
CREATE TABLE api_keys (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  operator_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  permissions TEXT NOT NULL,
  created_by BIGINT NOT NULL,
  created_at_us BIGINT NOT NULL,
  last_used_at_us BIGINT,
  revoked_at_us BIGINT,
  revoked_by BIGINT,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX api_keys_hash ON api_keys (key_hash);

-- Append-only, hash-chained audit trail (PLT-07). One chain per tenant; audit_heads holds each
-- chain's last sequence number and hash and is locked to append, so the chain has no forks.
CREATE TABLE audit_heads (
  tenant_id BIGINT PRIMARY KEY,
  last_seq BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
CREATE TABLE audit_log (
  tenant_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  id BIGINT NOT NULL,
  at_us BIGINT NOT NULL,
  actor_type TEXT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT,
  action TEXT NOT NULL,
  target_type TEXT,
  target_id TEXT,
  before_json TEXT,
  after_json TEXT,
  request_id TEXT,
  ip TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_log_action ON audit_log (tenant_id, action, at_us);
CREATE INDEX audit_log_target ON audit_log (tenant_id, target_type, target_id);

-- E-mail outbox (PLT-10), written in the business transaction; a job delivers it through SMTP,
-- or it stays readable in the built-in mailbox when no SMTP server is configured.
CREATE TABLE email_outbox (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT,
  template TEXT NOT NULL,
  locale TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'mailbox', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at_us BIGINT NOT NULL,
  sent_at_us BIGINT,
  read_at_us BIGINT,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX email_outbox_recent ON email_outbox (tenant_id, created_at_us);

-- Maker-checker (PLT-06): which actions need approval, per tenant, and the requests.
CREATE TABLE approval_policies (
  tenant_id BIGINT NOT NULL,
  action TEXT NOT NULL,
  requires_approval SMALLINT NOT NULL,
  expires_after_hours INTEGER NOT NULL DEFAULT 72,
  updated_by BIGINT,
  updated_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, action)
);
CREATE TABLE approval_requests (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT,
  target_id TEXT,
  payload TEXT NOT NULL,
  summary TEXT NOT NULL,
  business_status TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'picked_up', 'approved', 'rejected', 'expired', 'failed')),
  maker_id BIGINT NOT NULL,
  maker_name TEXT NOT NULL,
  maker_request_id TEXT,
  checker_id BIGINT,
  checker_name TEXT,
  picked_up_at_us BIGINT,
  decided_at_us BIGINT,
  reason TEXT,
  result TEXT,
  expires_at_us BIGINT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX approval_requests_queue ON approval_requests (tenant_id, status, created_at_us);
