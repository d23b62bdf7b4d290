// One delivery: the body POSTed (pretty-printed), the Standard Webhooks headers it goes with,
// its attempts and the receiver's last answer. "Reenviar" queues a new delivery of the same body.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Drawer, Flex, Skeleton, Table, Tooltip, Typography } from 'antd';
import { RedoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import {
  resendDelivery,
  useDelivery,
  useEventTypes,
  useRefreshWebhooks,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryDetail,
  type Trigger,
} from '../../api/webhooks';
import { useCan } from '../../auth/session';
import ProblemAlert from '../../components/ProblemAlert';
import { formatDateTime, formatNumber } from '../../format';
import { currentLanguage } from '../../i18n';
import { DeletedTrigger, DeliveryStatusTag, EventTypeText, triggerName, useEventTypeLabel } from './labels';

/** The stored body as indented JSON (the exact bytes are shown when it is not JSON). */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function DeliveryBody({ d, trigger, triggers }: { d: DeliveryDetail; trigger: Trigger | undefined; triggers: readonly Trigger[] | undefined }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const eventLabel = useEventTypeLabel(useEventTypes().data);
  const ms = (v: number | null) => (v === null ? '—' : t('webhooks.deliveries.ms', { value: formatNumber(v, locale) }));
  // What the last attempt sent; before any attempt (or for attempts logged before the headers
  // were kept) the recipe.
  const last = d.attempt_log?.length ? d.attempt_log[d.attempt_log.length - 1] : undefined;
  const sentTimestamp = last?.webhook_timestamp ?? null;
  const sentSignature = last?.webhook_signature ?? null;
  const sent = sentTimestamp !== null && sentSignature !== null;
  const headers: [string, string][] = [
    ['Content-Type', 'application/json'],
    ['webhook-id', d.id],
    ['webhook-timestamp', sent ? String(sentTimestamp) : t('webhooks.drawer.timestampValue')],
    ['webhook-signature', sent ? sentSignature : t('webhooks.drawer.signatureValue')],
  ];
  return (
    <Flex vertical gap={16}>
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { whiteSpace: 'nowrap', width: 180 } }}
        items={[
          { key: 'status', label: t('fields.status'), children: <DeliveryStatusTag delivery={d} /> },
          { key: 'event', label: t('webhooks.fields.eventType'), children: <EventTypeText type={d.event_type} label={eventLabel(d.event_type)} /> },
          {
            key: 'trigger',
            label: t('webhooks.fields.trigger'),
            children: trigger ? (
              <Link to={`/webhooks/triggers/${trigger.id}`} data-testid="delivery-trigger-link">
                {triggerName(trigger)}
              </Link>
            ) : triggers ? (
              <DeletedTrigger id={d.trigger_id} />
            ) : (
              '…'
            ),
          },
          { key: 'url', label: t('webhooks.fields.url'), children: trigger ? <span className="rg-mono">{trigger.url}</span> : '—' },
          { key: 'event_id', label: t('webhooks.drawer.eventId'), children: d.event_id ?? t('webhooks.drawer.noEvent') },
          { key: 'attempts', label: t('webhooks.fields.attempts'), children: <span data-testid="delivery-attempts">{d.attempts}</span> },
          { key: 'created', label: t('fields.createdAt'), children: formatDateTime(d.created_at, locale, { seconds: true }) },
          {
            key: 'delivered',
            label: t('webhooks.fields.deliveredAt'),
            children: d.delivered_at ? formatDateTime(d.delivered_at, locale, { seconds: true }) : '—',
          },
          {
            key: 'next',
            label: t('webhooks.fields.nextAttempt'),
            children: d.status === 'queued' && d.next_attempt_at ? formatDateTime(d.next_attempt_at, locale, { seconds: true }) : '—',
          },
        ]}
      />
      {d.last_error && d.status !== 'delivered' && (
        <Alert type={d.status === 'failed' ? 'error' : 'warning'} showIcon title={t('webhooks.drawer.lastError')} description={d.last_error} data-testid="delivery-error" />
      )}
      <Card size="small" title={t('webhooks.drawer.headers')}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {sent ? t('webhooks.drawer.headersSent', { attempt: last?.attempt }) : t('webhooks.drawer.headersNote')}
        </Typography.Paragraph>
        <pre className="rg-json" data-testid="delivery-headers" style={{ maxHeight: 'none' }}>
          {headers.map(([k, v]) => `${k}: ${v}`).join('\n')}
        </pre>
      </Card>
      <Card size="small" title={t('webhooks.drawer.payload')}>
        <pre className="rg-json" data-testid="delivery-payload" tabIndex={0}>
          {prettyJson(d.payload)}
        </pre>
      </Card>
      <Card size="small" title={t('webhooks.drawer.attempts')}>
        <Table<DeliveryAttempt>
          rowKey="attempt"
          size="small"
          pagination={false}
          data-testid="delivery-attempts-table"
          locale={{ emptyText: t('webhooks.drawer.noAttempts') }}
          dataSource={[...(d.attempt_log ?? [])].reverse()}
          expandable={{
            rowExpandable: (a) => !!a.response_excerpt,
            expandedRowRender: (a) => (
              <pre className="rg-json" style={{ maxHeight: 200 }}>
                {a.response_excerpt}
              </pre>
            ),
          }}
          columns={[
            { key: 'n', title: '#', dataIndex: 'attempt', width: 48 },
            { key: 'at', title: t('webhooks.drawer.at'), onCell: () => ({ style: { whiteSpace: 'nowrap' } }), render: (_, a) => formatDateTime(a.attempted_at, locale, { seconds: true }) },
            { key: 'code', title: t('webhooks.drawer.statusCode'), render: (_, a) => a.status_code ?? '—' },
            { key: 'latency', title: t('webhooks.fields.latency'), onCell: () => ({ style: { whiteSpace: 'nowrap' } }), render: (_, a) => ms(a.latency_ms) },
            { key: 'error', title: t('webhooks.drawer.error'), render: (_, a) => a.error || '—' },
          ]}
        />
      </Card>
      <Card size="small" title={t('webhooks.drawer.response')}>
        {d.last_response_excerpt ? (
          <pre className="rg-json" data-testid="delivery-response" tabIndex={0}>
            {d.last_response_excerpt}
          </pre>
        ) : (
          <Typography.Text type="secondary">{t('webhooks.drawer.noResponse')}</Typography.Text>
        )}
      </Card>
    </Flex>
  );
}

export default function DeliveryDrawer({
  id,
  triggers,
  onClose,
  onResent,
}: {
  id: string | undefined;
  triggers: readonly Trigger[] | undefined;
  onClose: () => void;
  /** The new delivery a resend queued. */
  onResent: (d: Delivery) => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const refresh = useRefreshWebhooks();
  const query = useDelivery(id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const d = query.data;
  const trigger = d ? triggers?.find((x) => x.id === d.trigger_id) : undefined;

  async function resend() {
    if (!d) return;
    setBusy(true);
    setError(undefined);
    try {
      const next = await resendDelivery(d.id);
      void message.success(t('webhooks.drawer.resent'));
      await refresh();
      onResent(next);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer
      open={!!id}
      onClose={() => {
        setError(undefined);
        onClose();
      }}
      size={720}
      title={t('webhooks.drawer.title', { id: id ?? '' })}
      destroyOnHidden
      data-testid="delivery-drawer"
      extra={
        can('webhooks.write') && d ? (
          <Tooltip title={!trigger ? t('webhooks.drawer.resendDeleted') : !trigger.active ? t('webhooks.drawer.resendInactive') : undefined}>
            <Button icon={<RedoOutlined />} loading={busy} disabled={!trigger?.active} onClick={() => void resend()} data-testid="delivery-resend">
              {t('webhooks.drawer.resend')}
            </Button>
          </Tooltip>
        ) : undefined
      }
    >
      {error !== undefined && (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={error} onClose={() => setError(undefined)} testId="delivery-resend-error" />
        </div>
      )}
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : query.isError || !d ? (
        isApiError(query.error) && query.error.status === 404 ? (
          <Alert type="warning" showIcon title={t('webhooks.drawer.notFound')} />
        ) : (
          <ProblemAlert error={query.error} message={t('webhooks.deliveries.loadError')} onRetry={() => void query.refetch()} />
        )
      ) : (
        <div data-testid="delivery-detail" data-status={d.status}>
          <DeliveryBody d={d} trigger={trigger} triggers={triggers} />
        </div>
      )}
    </Drawer>
  );
}
