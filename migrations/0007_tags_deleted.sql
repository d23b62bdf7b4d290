-- Tags (PLT-13) and the registry of deleted records (PLT-14).

-- Tenant tags. The name is unique per tenant, compared case-insensitively (name_folded).
-- color is an Ant Design preset name ("blue") or "#rrggbb".
CREATE TABLE tags (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  color TEXT NOT NULL,
  description TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX tags_name ON tags (tenant_id, name_folded);

-- A tag attached to a record of any module, named by (record_type, record_id); modules register
-- their record types at start-up. Deleting a tag detaches it everywhere.
CREATE TABLE record_tags (
  tenant_id BIGINT NOT NULL,
  tag_id BIGINT NOT NULL,
  record_type TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  tagged_by BIGINT,
  tagged_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, tag_id, record_type, record_id),
  FOREIGN KEY (tenant_id, tag_id) REFERENCES tags (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX record_tags_record ON record_tags (tenant_id, record_type, record_id);

-- Soft delete: a module marks its own row (deleted_at_us, so its lists exclude it with a plain
-- column test) and, in the same transaction, adds a row here, so "Registros Excluídos" lists
-- deleted records of every module with one indexed query. Restoring marks the row restored
-- (kept as history); at most one live row per record.
CREATE TABLE deleted_records (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  record_type TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  summary TEXT NOT NULL,
  deleted_by BIGINT,
  deleted_by_name TEXT NOT NULL,
  deleted_at_us BIGINT NOT NULL,
  restored_by BIGINT,
  restored_at_us BIGINT,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX deleted_records_live ON deleted_records (tenant_id, record_type, record_id)
  WHERE restored_at_us IS NULL;

ALTER TABLE webhook_triggers ADD COLUMN deleted_by BIGINT;

-- Records deleted before this migration join the registry (ids were already unique per table and
-- come from the same generator, so the record's id serves as the registry row's id).
INSERT INTO deleted_records (tenant_id, id, record_type, record_id, summary, deleted_by, deleted_by_name,
                             deleted_at_us)
SELECT o.tenant_id, o.id, 'operator', o.id, o.name || ' <' || o.email || '>', o.deleted_by,
       COALESCE((SELECT d.name FROM operators d WHERE d.tenant_id = o.tenant_id AND d.id = o.deleted_by), ''),
       o.deleted_at_us
FROM operators o WHERE o.deleted_at_us IS NOT NULL;
INSERT INTO deleted_records (tenant_id, id, record_type, record_id, summary, deleted_by, deleted_by_name,
                             deleted_at_us)
SELECT tenant_id, id, 'webhook_trigger', id, url, NULL, '', deleted_at_us
FROM webhook_triggers WHERE deleted_at_us IS NOT NULL;
