// One trigger: where it posts, what it listens to, whether it is active, and its deliveries
// (newest first, with the delivery drawer). Write actions only with webhooks.write.
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Empty, Flex, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, ExperimentOutlined, KeyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useDeliveries, useEventTypes, useTrigger, useTriggers } from '../../api/webhooks';
import { useCan } from '../../auth/session';
import { DetailCrumbs, DetailFallback } from '../../components/detail';
import { PageHeader, usePagedList } from '../../components/list';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import PagedDeliveries, { useDeliveryColumns } from './DeliveriesTable';
import { EventTypeText, TriggerActiveTag, TriggerHealthTag, triggerName, useEventTypeLabel } from './labels';
import { useTriggerActions } from './useTriggerActions';

const VIEW_KEYS = ['delivery'] as const;

export default function TriggerDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const locale = currentLanguage();
  const navigate = useNavigate();
  const can = useCan();
  const writable = can('webhooks.write');
  const query = useTrigger(id);
  const triggers = useTriggers();
  const eventTypes = useEventTypes();
  const eventLabel = useEventTypeLabel(eventTypes.data);
  const deliveries = usePagedList(VIEW_KEYS, {
    toApi: () => ({ trigger_id: id }),
    usePage: (params) => useDeliveries(params, !!id),
    viewKeys: VIEW_KEYS,
  });
  const { filters, setFilters, paging } = deliveries;
  const columns = useDeliveryColumns(triggers.data, eventTypes.data, { withTrigger: false });
  const x = query.data;
  const actions = useTriggerActions({
    triggers: triggers.data ?? (x ? [x] : []),
    onDeleted: () => navigate('/webhooks'),
    onSimulated: (d) => {
      paging.reset();
      setFilters({ delivery: d.id });
    },
  });

  const crumbs = <DetailCrumbs list={t('webhooks.triggers.title')} to="/webhooks" current={x ? triggerName(x) : undefined} />;
  if (!x) {
    return (
      <DetailFallback
        query={query}
        crumbs={crumbs}
        notFound={t('webhooks.triggers.notFound')}
        backTo="/webhooks"
        backLabel={t('webhooks.triggers.backToList')}
        loadError={t('webhooks.triggers.loadError')}
        skeletonRows={6}
        testIdPrefix="trigger"
      />
    );
  }

  return (
    <Flex vertical gap={16} data-testid="trigger-detail" data-active={x.active}>
      {crumbs}
      <PageHeader
        title={triggerName(x)}
        small
        subtitle={
          <Flex gap={8} align="center" wrap component="span">
            <TriggerActiveTag trigger={x} />
            <Typography.Text type="secondary" className="rg-mono" style={{ wordBreak: 'break-all' }}>
              {x.url}
            </Typography.Text>
          </Flex>
        }
        extra={
          writable && (
            <>
              <Tooltip title={x.active ? undefined : t('webhooks.simulate.inactive')}>
                <Button
                  type="primary"
                  icon={<ExperimentOutlined />}
                  disabled={!x.active}
                  onClick={() => actions.simulate(x)}
                  data-testid="trigger-simulate"
                >
                  {t('webhooks.simulate.open')}
                </Button>
              </Tooltip>
              <Button icon={<EditOutlined />} onClick={() => actions.edit(x)} data-testid="trigger-edit">
                {t('common.edit')}
              </Button>
              <Button icon={<KeyOutlined />} onClick={() => actions.rotate(x)} data-testid="trigger-rotate">
                {t('webhooks.secret.rotate')}
              </Button>
              <Button danger icon={<DeleteOutlined />} onClick={() => actions.remove(x)} data-testid="trigger-delete">
                {t('common.delete')}
              </Button>
            </>
          )
        }
      />
      {!x.active && x.disabled_reason === 'endpoint_failing' && (
        <Alert
          type="error"
          showIcon
          data-testid="trigger-auto-disabled"
          title={t('webhooks.triggers.autoDisabled', {
            time: x.disabled_at ? formatDateTime(x.disabled_at, locale) : '—',
            since: x.failing_since ? formatDateTime(x.failing_since, locale) : '—',
          })}
        />
      )}
      {x.active && x.consecutive_failures > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="trigger-failing-note"
          title={t('webhooks.triggers.failingNote', {
            count: x.consecutive_failures,
            since: x.failing_since ? formatDateTime(x.failing_since, locale) : '—',
          })}
        />
      )}
      <Card size="small" title={t('webhooks.triggers.detail')}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            { key: 'url', label: t('webhooks.fields.url'), span: 2, children: <span className="rg-mono" data-testid="trigger-url-value">{x.url}</span> },
            { key: 'description', label: t('webhooks.fields.description'), span: 2, children: x.description || '—' },
            {
              key: 'active',
              label: t('webhooks.fields.active'),
              children: writable ? actions.activeSwitch(x) : <TriggerActiveTag trigger={x} />,
            },
            {
              key: 'health',
              label: t('webhooks.fields.health'),
              children: x.consecutive_failures ? <TriggerHealthTag trigger={x} /> : t('webhooks.triggers.healthy'),
            },
            { key: 'created', label: t('fields.createdAt'), children: formatDateTime(x.created_at, locale) },
            { key: 'updated', label: t('webhooks.fields.updatedAt'), children: formatDateTime(x.updated_at, locale) },
            { key: 'id', label: 'ID', span: 2, children: <span className="rg-mono">{x.id}</span> },
            {
              key: 'events',
              label: t('webhooks.fields.eventTypes'),
              span: 2,
              children: (
                <Flex vertical gap={2} data-testid="trigger-event-list">
                  {x.event_types.map((type) => (
                    <EventTypeText key={type} type={type} label={eventLabel(type)} />
                  ))}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('webhooks.deliveries.title')}
        extra={<Link to={`/webhooks/deliveries?trigger_id=${x.id}`}>{t('webhooks.triggers.openLog')}</Link>}
      >
        <PagedDeliveries
          framed={false}
          query={deliveries.query}
          pager={deliveries}
          loadError={t('webhooks.deliveries.loadError')}
          skeletonRows={4}
          columns={columns}
          openId={filters.delivery}
          onOpenChange={(delivery) => setFilters({ delivery })}
          triggers={triggers.data}
          empty={<Empty description={t('webhooks.triggers.noDeliveries')} />}
        />
      </Card>
      {actions.dialogs}
    </Flex>
  );
}
