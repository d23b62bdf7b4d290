// The audit trail as a table (newest first, keyset paging) and the entry drawer with the
// before/after documents. Used by the audit page and by detail pages (an operator's history).
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Button, Col, Descriptions, Drawer, Flex, Row, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session';
import { useAudit, type AuditEntry, type AuditFilters } from '../../api/platform';
import { ListEmpty, ListTable, usePagedQuery } from '../../components/list';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';

/** "operator.created" → "Usuário criado" (unknown actions show their code). */
export function useActionLabel() {
  const { t, i18n } = useTranslation();
  return (action: string) => {
    const key = `auditActions.${action.replace(/\./g, '_')}`;
    return i18n.exists(key) ? (t(key as 'auditActions.operator_created') as string) : action;
  };
}

export function useActorLabel() {
  const { t, i18n } = useTranslation();
  return (type: string) => {
    const key = `audit.actorTypes.${type}`;
    return i18n.exists(key) ? (t(key as 'audit.actorTypes.operator') as string) : type;
  };
}

/** "operator 123" → "Usuário 123", linked to the operator's page when the reader may open it. */
function Target({ type, id }: { type: string; id: string }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  if (!type) return <>—</>;
  const key = `audit.targetTypes.${type}`;
  const label = i18n.exists(key) ? (t(key as 'audit.targetTypes.operator') as string) : type;
  if (type === 'operator' && id && can('operators.read')) return <Link to={`/operators/${id}`}>{`${label} ${id}`}</Link>;
  if (type === 'approval_request' && id && can('approvals.read')) return <Link to={`/approvals/${id}`}>{`${label} ${id}`}</Link>;
  return <>{`${label} ${id}`}</>;
}

/** Top-level keys whose values differ between two JSON documents. */
export function changedKeys(before: unknown, after: unknown): string[] {
  const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const b = obj(before);
  const a = obj(after);
  if (!b || !a) return [];
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).sort();
}

function JsonBlock({ value, label, testId }: { value: unknown; label: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <section aria-label={label}>
      <Typography.Title level={5}>{label}</Typography.Title>
      {value === null || value === undefined ? (
        <Typography.Text type="secondary">{t('audit.noDocument')}</Typography.Text>
      ) : (
        <pre className="rg-json" data-testid={testId} tabIndex={0}>
          {typeof value === 'string' ? value : JSON.stringify(value, null, 2)}
        </pre>
      )}
    </section>
  );
}

export function AuditEntryDrawer({ entry, onClose }: { entry?: AuditEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const actionLabel = useActionLabel();
  const actorLabel = useActorLabel();
  const changed = useMemo(() => (entry ? changedKeys(entry.before, entry.after) : []), [entry]);
  return (
    <Drawer
      open={!!entry}
      onClose={onClose}
      size={760}
      title={entry ? actionLabel(entry.action) : ''}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
    >
      {entry && (
        <Flex vertical gap={16} data-testid="audit-drawer">
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'at', label: t('audit.columns.at'), children: formatDateTime(entry.at, locale, { seconds: true }) },
              {
                key: 'actor',
                label: t('audit.columns.actor'),
                children: (
                  <>
                    {entry.actor_name || '—'} <Tag>{actorLabel(entry.actor_type)}</Tag>
                  </>
                ),
              },
              {
                key: 'action',
                label: t('audit.columns.action'),
                children: (
                  <>
                    {actionLabel(entry.action)} <Typography.Text code>{entry.action}</Typography.Text>
                  </>
                ),
              },
              {
                key: 'target',
                label: t('audit.columns.target'),
                children: <Target type={entry.target_type} id={entry.target_id} />,
              },
              { key: 'ip', label: t('audit.columns.ip'), children: entry.ip || '—' },
              { key: 'request', label: t('audit.columns.requestId'), children: <span className="rg-mono">{entry.request_id || '—'}</span> },
              { key: 'seq', label: t('audit.columns.seq'), children: entry.seq },
              {
                key: 'hash',
                label: t('audit.columns.hash'),
                children: (
                  <Typography.Text className="rg-mono" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                    {entry.hash}
                  </Typography.Text>
                ),
              },
            ]}
          />
          {changed.length > 0 && (
            <div data-testid="audit-changed">
              <Typography.Text strong>{t('audit.changed')}: </Typography.Text>
              {changed.map((k) => (
                <Tag key={k} color="blue">
                  {k}
                </Tag>
              ))}
            </div>
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12}>
              <JsonBlock value={entry.before} label={t('audit.before')} testId="audit-before" />
            </Col>
            <Col xs={24} md={12}>
              <JsonBlock value={entry.after} label={t('audit.after')} testId="audit-after" />
            </Col>
          </Row>
        </Flex>
      )}
    </Drawer>
  );
}

export default function AuditTable({
  filters,
  pageSize,
  onPageSize,
  emptyHint,
}: {
  filters: AuditFilters;
  pageSize: number;
  onPageSize: (n: number) => void;
  emptyHint?: string;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const actionLabel = useActionLabel();
  const actorLabel = useActorLabel();
  const { paging, query } = usePagedQuery(filters, pageSize, useAudit);
  const [open, setOpen] = useState<AuditEntry>();

  const columns: TableColumnsType<AuditEntry> = [
    {
      key: 'at',
      title: t('audit.columns.at'),
      render: (_, e) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, locale, { seconds: true })}</span>,
    },
    {
      key: 'actor',
      title: t('audit.columns.actor'),
      render: (_, e) => (
        <>
          {e.actor_name || '—'}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            ({actorLabel(e.actor_type)})
          </Typography.Text>
        </>
      ),
    },
    {
      key: 'action',
      title: t('audit.columns.action'),
      render: (_, e) => (
        <span data-testid="audit-action" data-action={e.action}>
          {actionLabel(e.action)}
        </span>
      ),
    },
    { key: 'target', title: t('audit.columns.target'), render: (_, e) => <Target type={e.target_type} id={e.target_id} /> },
    { key: 'ip', title: t('audit.columns.ip'), render: (_, e) => e.ip || '—' },
    {
      key: 'open',
      title: <span className="rg-visually-hidden">{t('common.details')}</span>,
      align: 'right',
      fixed: 'right',
      render: (_, e) => (
        <Button size="small" onClick={() => setOpen(e)} data-testid="audit-open">
          {t('common.details')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <ListTable<AuditEntry>
        framed={false}
        query={query}
        pager={{ paging, pageSize, setPageSize: onPageSize }}
        loadError={t('audit.loadError')}
        errorTestId="audit-error"
        skeletonTestId="audit-skeleton"
        size="small"
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="audit-table"
        onRow={(e) =>
          ({
            onDoubleClick: () => setOpen(e),
            'data-testid': `audit-row-${e.seq}`,
          }) as HTMLAttributes<HTMLElement>
        }
        empty={<ListEmpty hint={emptyHint ?? t('audit.empty')} />}
      />
      <AuditEntryDrawer entry={open} onClose={() => setOpen(undefined)} />
    </>
  );
}
