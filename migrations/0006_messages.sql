-- Platform messages (PLT-12), support contact (PLT-16), push notifications (PLT-11) and the
-- tenant resources that gate them.

-- The platform operator's own tenant (`admin bootstrap --platform`): only there can roles hold
-- the platform.* permissions (broadcast messages, switch tenant resources).
ALTER TABLE tenants ADD COLUMN platform SMALLINT NOT NULL DEFAULT 0;

-- Contracted resources per tenant, switched by a platform administrator. A missing row means
-- disabled.
CREATE TABLE tenant_resources (
  tenant_id BIGINT NOT NULL,
  resource TEXT NOT NULL,
  enabled SMALLINT NOT NULL,
  updated_by BIGINT,
  updated_by_name TEXT,
  updated_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, resource)
);

-- Broadcasts written by platform administrators. They belong to the platform, not to a tenant:
-- `audience` is 'all' or 'tenants' (then platform_message_tenants lists them).
CREATE TABLE platform_messages (
  id BIGINT PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('info', 'warning')),
  audience TEXT NOT NULL CHECK (audience IN ('all', 'tenants')),
  publish_from_us BIGINT,
  publish_until_us BIGINT,
  author_tenant_id BIGINT NOT NULL,
  author_id BIGINT,
  author_name TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  deleted_at_us BIGINT
);
CREATE TABLE platform_message_tenants (
  message_id BIGINT NOT NULL,
  tenant_id BIGINT NOT NULL,
  PRIMARY KEY (message_id, tenant_id)
);
CREATE INDEX platform_message_tenants_tenant ON platform_message_tenants (tenant_id, message_id);

-- Which operator has opened which message (viewed is per operator, not per tenant).
CREATE TABLE message_views (
  tenant_id BIGINT NOT NULL,
  operator_id BIGINT NOT NULL,
  message_id BIGINT NOT NULL,
  viewed_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, operator_id, message_id)
);
CREATE INDEX message_views_message ON message_views (message_id);

-- The tenant's support contact shown in the console header (a link and contact details; no
-- third-party scripts).
CREATE TABLE support_settings (
  tenant_id BIGINT NOT NULL,
  label TEXT NOT NULL,
  url TEXT,
  email TEXT,
  phone TEXT,
  hours TEXT,
  updated_by BIGINT,
  updated_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id)
);

-- Customers' app installations. `token` is the push address the gateway needs, so it is kept
-- (never rendered, never logged: the API shows `token_hint`); `token_hash` (SHA-256) finds a
-- re-registered token.
CREATE TABLE push_devices (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  customer_ref TEXT NOT NULL,
  platform TEXT NOT NULL CHECK (platform IN ('android', 'ios')),
  token TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  token_hint TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'invalid', 'unregistered', 'removed')),
  last_error TEXT,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX push_devices_token ON push_devices (tenant_id, token_hash);
CREATE INDEX push_devices_customer ON push_devices (tenant_id, customer_ref);

-- The notification outbox: one row per notification to one customer, and one delivery row per
-- device of that customer.
CREATE TABLE push_notifications (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  customer_ref TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  data TEXT,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_by BIGINT,
  created_by_name TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  sent_at_us BIGINT,
  delivered_at_us BIGINT,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX push_notifications_customer ON push_notifications (tenant_id, customer_ref, id);
CREATE INDEX push_notifications_status ON push_notifications (tenant_id, status, id);

CREATE TABLE push_deliveries (
  tenant_id BIGINT NOT NULL,
  notification_id BIGINT NOT NULL,
  device_id BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'failed')),
  gateway_message_id BIGINT,
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  updated_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, notification_id, device_id)
);

-- What the sandbox push gateway received: every request, accepted or not.
CREATE TABLE push_gateway_messages (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  collapse_id TEXT NOT NULL,
  platform TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  token_hint TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  data TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'invalid_token', 'unregistered', 'unavailable', 'payload_too_large')),
  received_at_us BIGINT NOT NULL,
  delivered_at_us BIGINT,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX push_gateway_messages_token ON push_gateway_messages (tenant_id, token_hash, collapse_id);
