// The deliveries log's table, on the log page and on a trigger's page: event, trigger, status,
// attempts, last status code, latency, created, next attempt; paged by cursor. A click opens
// the delivery.
import type { HTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Delivery, EventType, Trigger } from '../../api/webhooks';
import { ListTable, type KeysetPage, type ListPager, type ListQuery } from '../../components/list';
import DeliveryDrawer from './DeliveryDrawer';
import { formatDateTime, formatNumber } from '../../format';
import { currentLanguage } from '../../i18n';
import { DeletedTrigger, DeliveryStatusTag, EventTypeText, triggerName, useEventTypeLabel } from './labels';

const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

export function useDeliveryColumns(
  triggers: readonly Trigger[] | undefined,
  eventTypes: readonly EventType[] | undefined,
  { withTrigger = true }: { withTrigger?: boolean } = {},
): TableColumnsType<Delivery> {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const eventLabel = useEventTypeLabel(eventTypes);
  const byId = new Map((triggers ?? []).map((x) => [x.id, x]));
  const columns: TableColumnsType<Delivery> = [
    {
      key: 'event',
      title: t('webhooks.fields.event'),
      render: (_, d) => <EventTypeText type={d.event_type} label={eventLabel(d.event_type)} />,
    },
    {
      key: 'trigger',
      title: t('webhooks.fields.trigger'),
      render: (_, d) => {
        const trigger = byId.get(d.trigger_id);
        if (!triggers) return d.trigger_id;
        return trigger ? (
          <Link to={`/webhooks/triggers/${trigger.id}`} onClick={(e) => e.stopPropagation()} data-testid="delivery-trigger">
            {triggerName(trigger)}
          </Link>
        ) : (
          <DeletedTrigger id={d.trigger_id} />
        );
      },
    },
    { key: 'status', title: t('fields.status'), onCell: nowrap, render: (_, d) => <DeliveryStatusTag delivery={d} /> },
    { key: 'attempts', title: t('webhooks.fields.attempts'), align: 'right', render: (_, d) => d.attempts },
    {
      key: 'status_code',
      title: t('webhooks.fields.statusCode'),
      align: 'right',
      render: (_, d) =>
        d.last_status_code ?? (d.last_error ? <Typography.Text type="secondary" title={d.last_error}>—</Typography.Text> : '—'),
    },
    {
      key: 'latency',
      title: t('webhooks.fields.latency'),
      align: 'right',
      onCell: nowrap,
      render: (_, d) => (d.last_latency_ms === null ? '—' : t('webhooks.deliveries.ms', { value: formatNumber(d.last_latency_ms, locale) })),
    },
    { key: 'created', title: t('fields.createdAt'), onCell: nowrap, render: (_, d) => formatDateTime(d.created_at, locale, { seconds: true }) },
    {
      key: 'next',
      title: t('webhooks.fields.nextAttempt'),
      onCell: nowrap,
      render: (_, d) => (d.status === 'queued' && d.next_attempt_at ? formatDateTime(d.next_attempt_at, locale, { seconds: true }) : '—'),
    },
  ];
  return withTrigger ? columns : columns.filter((c) => c.key !== 'trigger');
}

/**
 * The deliveries of one page of `listDeliveries` with the list's states and pager; a click on a
 * row opens its drawer. `framed` as for ListTable.
 */
export default function PagedDeliveries({
  query,
  pager,
  columns,
  openId,
  onOpenChange,
  triggers,
  empty,
  framed,
  loadError,
  skeletonRows,
}: {
  query: ListQuery<KeysetPage<Delivery>>;
  pager: ListPager;
  columns: TableColumnsType<Delivery>;
  /** The delivery shown in the drawer (kept in the URL by the page), and how to change it. */
  openId: string | undefined;
  onOpenChange: (id: string | undefined) => void;
  triggers: readonly Trigger[] | undefined;
  empty: ReactNode;
  framed?: boolean;
  loadError?: string;
  skeletonRows?: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ListTable<Delivery>
        framed={framed}
        query={query}
        pager={pager}
        loadError={loadError}
        skeletonRows={skeletonRows}
        size="small"
        columns={columns}
        scroll={{ x: 1000 }}
        tableLayout="auto"
        rowClassName={() => 'rg-clickable-row'}
        onRow={(d) =>
          ({
            'data-testid': `delivery-row-${d.id}`,
            'data-status': d.status,
            title: t('webhooks.deliveries.openHint'),
            onClick: () => onOpenChange(d.id),
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="deliveries-table"
        empty={empty}
      />
      <DeliveryDrawer
        id={openId}
        triggers={triggers}
        onClose={() => onOpenChange(undefined)}
        onResent={(d) => {
          pager.paging.reset();
          onOpenChange(d.id);
        }}
      />
    </>
  );
}
