// "Entregas de gatilhos": every delivery of the tenant's triggers, newest first, with filters
// (trigger, event type, status, period) kept in the URL, a drawer per delivery (payload, headers,
// attempts, response, "Reenviar") and "Simular evento".
import { Link } from 'react-router-dom';
import { Button, DatePicker, Flex, Select } from 'antd';
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
import { FilterBar, ListEmpty, PageHeader, usePagedList } from '../../components/list';
import { currentLanguage } from '../../i18n';
import PagedDeliveries, { useDeliveryColumns } from './DeliveriesTable';
import { groupEventTypes, triggerName, useDeliveryStateLabel, useEventTypeLabel, useModuleLabel } from './labels';
import { useTriggerActions } from './useTriggerActions';

const FILTER_KEYS = ['trigger_id', 'event_type', 'status', 'from', 'to', 'delivery'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day from the URL, or nothing when it is not one. */
const day = (v: string | undefined) => (v && DAY.test(v) ? v : undefined);

export default function DeliveriesPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const list = usePagedList(FILTER_KEYS, {
    toApi: (f): Omit<DeliveryFilters, 'page_size' | 'cursor'> => ({
      trigger_id: f.trigger_id,
      event_type: f.event_type,
      status: f.status,
      // São Paulo calendar days, both inclusive: the API turns them into instants.
      created_from: day(f.from),
      created_to: day(f.to),
    }),
    usePage: useDeliveries,
    viewKeys: ['delivery'],
  });
  const { filters, setFilters, paging } = list;
  const from = day(filters.from);
  const to = day(filters.to);
  const triggers = useTriggers();
  const eventTypes = useEventTypes();
  const moduleLabel = useModuleLabel();
  const stateLabel = useDeliveryStateLabel();
  const eventLabel = useEventTypeLabel(eventTypes.data);
  const columns = useDeliveryColumns(triggers.data, eventTypes.data);
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

      <FilterBar
        anyFilter={list.anyFilter}
        onClear={list.clearFilters}
        // The file is made by the list API with the same filters as the table.
        end={<ExportButton path="/api/v1/webhooks/deliveries" filters={deliveryQuery(list.apiFilters)} testId="deliveries-export" />}
      >
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
          onChange={(range) => setFilters({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
          format={locale === 'en-US' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}
          allowEmpty={[true, true]}
          aria-label={t('webhooks.filters.period')}
          placeholder={[t('webhooks.filters.from'), t('webhooks.filters.to')]}
          data-testid="deliveries-filter-period"
        />
      </FilterBar>

      <PagedDeliveries
        query={list.query}
        pager={list}
        loadError={t('webhooks.deliveries.loadError')}
        columns={columns}
        openId={filters.delivery}
        onOpenChange={(id) => setFilters({ delivery: id })}
        triggers={triggers.data}
        empty={
          <ListEmpty
            title={t('webhooks.deliveries.emptyTitle')}
            hint={list.anyFilter ? t('webhooks.deliveries.emptyFiltered') : t('webhooks.deliveries.empty')}
          />
        }
      />

      {actions.dialogs}
    </Flex>
  );
}
