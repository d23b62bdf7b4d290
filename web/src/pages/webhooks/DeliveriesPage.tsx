// "Entregas de gatilhos": every delivery of the tenant's triggers, newest first, with filters
// (trigger, event type, status, period) kept in the URL, a drawer per delivery (payload, headers,
// attempts, response, "Reenviar") and "Simular evento".
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, DatePicker, Empty, Flex, Select, Skeleton, Typography } from 'antd';
import { ApiOutlined, ExperimentOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  DELIVERY_STATUSES,
  deliveryQuery,
  useDeliveries,
  useEventTypes,
  useTriggers,
  type DeliveryFilters,
} from '../../api/webhooks';
import { useCan } from '../../auth/session';
import ExportButton from '../../components/ExportButton';
import { PageHeader, PAGE_SIZES, useCursorPaging, useUrlFilters } from '../../components/list';
import ProblemAlert from '../../components/ProblemAlert';
import { currentLanguage } from '../../i18n';
import PagedDeliveries, { useDeliveryColumns } from './DeliveriesTable';
import { groupEventTypes, triggerName, useDeliveryStateLabel, useEventTypeLabel, useModuleLabel } from './labels';
import { useTriggerActions } from './useTriggerActions';

const FILTER_KEYS = ['trigger_id', 'event_type', 'status', 'from', 'to', 'page_size', 'delivery'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export default function DeliveriesPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const { filters, setFilters, clearFilters } = useUrlFilters(FILTER_KEYS);
  const triggers = useTriggers();
  const eventTypes = useEventTypes();
  const moduleLabel = useModuleLabel();
  const stateLabel = useDeliveryStateLabel();
  const eventLabel = useEventTypeLabel(eventTypes.data);
  const pageSize = Number(filters.page_size) || PAGE_SIZES[0];
  const from = filters.from && DAY.test(filters.from) ? filters.from : undefined;
  const to = filters.to && DAY.test(filters.to) ? filters.to : undefined;
  const base: Omit<DeliveryFilters, 'page_size' | 'cursor'> = useMemo(
    () => ({
      trigger_id: filters.trigger_id,
      event_type: filters.event_type,
      status: filters.status,
      // São Paulo calendar days, both inclusive: the API turns them into instants.
      created_from: from,
      created_to: to,
    }),
    [filters.trigger_id, filters.event_type, filters.status, from, to],
  );
  const paging = useCursorPaging(JSON.stringify([base, pageSize]));
  const query = useDeliveries({ ...base, page_size: pageSize, cursor: paging.cursor });
  const columns = useDeliveryColumns(triggers.data, eventTypes.data);
  const anyFilter = !!(filters.trigger_id || filters.event_type || filters.status || from || to);
  const writable = can('webhooks.write');
  const triggerList = triggers.data ?? [];
  const firstTrigger = triggerList.find((x) => x.active && x.id === filters.trigger_id) ?? triggerList.find((x) => x.active);
  const actions = useTriggerActions({
    triggers: triggerList,
    onSimulated: (d) => {
      paging.reset();
      setFilters({ delivery: d.id });
    },
  });

  return (
    <Flex vertical gap={16} data-testid="webhook-deliveries-page">
      <PageHeader
        title={t('webhooks.deliveries.title')}
        subtitle={t('webhooks.deliveries.subtitle')}
        extra={
          <>
            <Link to="/webhooks" data-testid="deliveries-triggers-link">
              <ApiOutlined /> {t('webhooks.triggers.title')}
            </Link>
            {writable && firstTrigger && (
              <Button icon={<ExperimentOutlined />} onClick={() => actions.simulate(firstTrigger)} data-testid="deliveries-simulate">
                {t('webhooks.simulate.open')}
              </Button>
            )}
          </>
        }
      />

      <Card size="small">
        <Flex gap={12} wrap align="center" className="rg-filter-bar" role="search" aria-label={t('list.filters')}>
          <Select
            allowClear
            value={filters.trigger_id}
            onChange={(v) => setFilters({ trigger_id: v })}
            placeholder={t('webhooks.filters.allTriggers')}
            aria-label={t('webhooks.fields.trigger')}
            style={{ width: 240 }}
            loading={triggers.isPending}
            data-testid="deliveries-filter-trigger"
            options={triggerList.map((x) => ({ value: x.id, label: triggerName(x) }))}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.event_type}
            onChange={(v) => setFilters({ event_type: v })}
            placeholder={t('webhooks.filters.allEventTypes')}
            aria-label={t('webhooks.fields.eventType')}
            style={{ width: 240 }}
            loading={eventTypes.isPending}
            data-testid="deliveries-filter-event-type"
            popupMatchSelectWidth={false}
            options={groupEventTypes(eventTypes.data ?? []).map((g) => ({
              label: moduleLabel(g.module),
              title: g.module,
              options: g.types.map((e) => ({ value: e.type, label: `${eventLabel(e.type)} (${e.type})` })),
            }))}
          />
          <Select
            allowClear
            value={filters.status}
            onChange={(v) => setFilters({ status: v })}
            placeholder={t('webhooks.filters.allStatuses')}
            aria-label={t('fields.status')}
            style={{ width: 180 }}
            data-testid="deliveries-filter-status"
            options={DELIVERY_STATUSES.map((s) => ({ value: s, label: stateLabel(s) }))}
          />
          <DatePicker.RangePicker
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(range) =>
              setFilters({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
            }
            format={locale === 'en-US' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}
            allowEmpty={[true, true]}
            aria-label={t('webhooks.filters.period')}
            placeholder={[t('webhooks.filters.from'), t('webhooks.filters.to')]}
            data-testid="deliveries-filter-period"
          />
          {anyFilter && (
            <Button type="link" onClick={clearFilters} data-testid="filters-clear">
              {t('list.clearFilters')}
            </Button>
          )}
          {/* The file is made by the list API with the same filters as the table. */}
          <span style={{ marginInlineStart: 'auto' }}>
            <ExportButton path="/api/v1/webhooks/deliveries" filters={deliveryQuery(base)} testId="deliveries-export" />
          </span>
        </Flex>
      </Card>

      {query.isError && (
        <ProblemAlert error={query.error} message={t('webhooks.deliveries.loadError')} onRetry={() => void query.refetch()} />
      )}

      {query.isPending && !query.isError ? (
        <Card aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        query.data && (
          <Card size="small">
            <PagedDeliveries
              columns={columns}
              page={query.data}
              fetching={query.isFetching}
              placeholder={query.isPlaceholderData}
              paging={paging}
              pageSize={pageSize}
              onPageSize={(n) => setFilters({ page_size: String(n) })}
              openId={filters.delivery}
              onOpenChange={(id) => setFilters({ delivery: id })}
              triggers={triggers.data}
              empty={
                <Empty
                  description={
                    <>
                      <Typography.Text strong>{t('webhooks.deliveries.emptyTitle')}</Typography.Text>
                      <br />
                      <Typography.Text type="secondary">
                        {anyFilter ? t('webhooks.deliveries.emptyFiltered') : t('webhooks.deliveries.empty')}
                      </Typography.Text>
                    </>
                  }
                />
              }
            />
          </Card>
        )
      )}

      {actions.dialogs}
    </Flex>
  );
}
