// Seed 000 "Gatilhos": the tenant's webhook triggers — URL, description, event types, active,
// created — with create, edit, activate/deactivate, rotate secret, delete and "Simular evento"
// for operators holding webhooks.write. A click on a row opens the trigger and its deliveries.
import type { HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Dropdown, Empty, Flex, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import {
  DeleteOutlined,
  EditOutlined,
  ExperimentOutlined,
  KeyOutlined,
  MoreOutlined,
  PlusOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useEventTypes, useTriggers, type Trigger } from '../../api/webhooks';
import { useCan } from '../../auth/session';
import ExportButton from '../../components/ExportButton';
import { ListTable, PageHeader } from '../../components/list';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import { TriggerActiveTag, TriggerHealthTag, useEventTypeLabel } from './labels';
import { useTriggerActions } from './useTriggerActions';

/** Up to three event types as tags, the rest counted; every one in the tooltip. */
export function EventTypeTags({ types, label }: { types: string[]; label: (type: string) => string }) {
  const { t } = useTranslation();
  const shown = types.slice(0, 3);
  return (
    <Tooltip title={types.map((x) => `${label(x)} (${x})`).join(', ')}>
      <Flex gap={4} wrap data-testid="trigger-event-types">
        {shown.map((x) => (
          <Tag key={x} className="rg-mono" style={{ marginInlineEnd: 0 }}>
            {x}
          </Tag>
        ))}
        {types.length > shown.length && <Tag>{t('webhooks.triggers.more', { count: types.length - shown.length })}</Tag>}
      </Flex>
    </Tooltip>
  );
}

export default function TriggersPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const navigate = useNavigate();
  const can = useCan();
  const triggers = useTriggers();
  const eventLabel = useEventTypeLabel(useEventTypes().data);
  const writable = can('webhooks.write');
  const actions = useTriggerActions({ triggers: triggers.data ?? [] });

  const columns: TableColumnsType<Trigger> = [
    {
      key: 'url',
      title: t('webhooks.fields.url'),
      render: (_, x) => (
        <Link to={`/webhooks/triggers/${x.id}`} className="rg-mono" style={{ wordBreak: 'break-all' }} onClick={(e) => e.stopPropagation()} data-testid="trigger-link">
          {x.url}
        </Link>
      ),
    },
    {
      key: 'description',
      title: t('webhooks.fields.description'),
      render: (_, x) => x.description || <Typography.Text type="secondary">—</Typography.Text>,
    },
    { key: 'event_types', title: t('webhooks.fields.eventTypes'), render: (_, x) => <EventTypeTags types={x.event_types} label={eventLabel} /> },
    {
      key: 'active',
      title: t('webhooks.fields.active'),
      render: (_, x) => (
        <Flex gap={6} align="center" wrap onClick={(e) => e.stopPropagation()}>
          {writable ? actions.activeSwitch(x) : <TriggerActiveTag trigger={x} />}
          {writable && x.disabled_reason && <TriggerActiveTag trigger={x} />}
          <TriggerHealthTag trigger={x} />
        </Flex>
      ),
    },
    {
      key: 'created',
      title: t('fields.createdAt'),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, x) => formatDateTime(x.created_at, locale),
    },
    {
      key: 'actions',
      title: <span className="rg-visually-hidden">{t('common.actions')}</span>,
      align: 'right',
      fixed: 'right',
      render: (_, x) => (
        <span onClick={(e) => e.stopPropagation()}>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'deliveries', icon: <UnorderedListOutlined />, label: t('webhooks.triggers.viewDeliveries') },
                ...(writable
                  ? [
                      { key: 'simulate', icon: <ExperimentOutlined />, label: t('webhooks.simulate.open'), disabled: !x.active },
                      { key: 'edit', icon: <EditOutlined />, label: t('common.edit') },
                      { key: 'rotate', icon: <KeyOutlined />, label: t('webhooks.secret.rotate') },
                      { type: 'divider' as const },
                      { key: 'delete', icon: <DeleteOutlined />, label: t('common.delete'), danger: true },
                    ]
                  : []),
              ],
              onClick: ({ key }) => {
                if (key === 'deliveries') navigate(`/webhooks/deliveries?trigger_id=${x.id}`);
                else if (key === 'simulate') actions.simulate(x);
                else if (key === 'edit') actions.edit(x);
                else if (key === 'rotate') actions.rotate(x);
                else if (key === 'delete') actions.remove(x);
              },
            }}
          >
            <Button size="small" icon={<MoreOutlined />} aria-label={t('common.actions')} data-testid={`trigger-actions-${x.id}`} />
          </Dropdown>
        </span>
      ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="webhook-triggers-page">
      <PageHeader
        title={t('webhooks.triggers.title')}
        subtitle={t('webhooks.triggers.subtitle')}
        extra={
          <>
            <Link to="/webhooks/deliveries" data-testid="triggers-deliveries-link">
              <UnorderedListOutlined /> {t('webhooks.deliveries.title')}
            </Link>
            <ExportButton path="/api/v1/webhooks/triggers" testId="triggers-export" />
            {writable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={actions.create} data-testid="trigger-new">
                {t('webhooks.triggers.new')}
              </Button>
            )}
          </>
        }
      />
      <ListTable<Trigger>
        query={triggers}
        loadError={t('webhooks.triggers.loadError')}
        skeletonRows={4}
        size="small"
        columns={columns}
        scroll={{ x: 1000 }}
        tableLayout="auto"
        rowClassName={() => 'rg-clickable-row'}
        onRow={(x) =>
          ({
            'data-testid': `trigger-row-${x.id}`,
            title: t('webhooks.triggers.openHint'),
            onClick: () => navigate(`/webhooks/triggers/${x.id}`),
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="triggers-table"
        empty={
          <Empty description={writable ? t('webhooks.triggers.emptyWritable') : t('webhooks.triggers.empty')}>
            {writable && (
              <Button type="primary" onClick={actions.create}>
                {t('webhooks.triggers.new')}
              </Button>
            )}
          </Empty>
        }
      />
      {!writable && (
        <Typography.Text type="secondary" data-testid="webhooks-read-only">
          {t('webhooks.readOnly')}
        </Typography.Text>
      )}
      {actions.dialogs}
    </Flex>
  );
}
