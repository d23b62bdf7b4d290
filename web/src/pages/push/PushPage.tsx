// "Notificações push": send a notification to a customer's app, follow it in the outbox
// (queued → sent → delivered, or failed), the customers' devices, and what the sandbox push
// gateway received. Sending needs the institution's messaging resource.
import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Select,
  Skeleton,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  pushKey,
  PUSH_STATUSES,
  sendPush,
  useGatewayMessages,
  useOwnResources,
  usePushDevices,
  usePushNotification,
  usePushNotifications,
  type GatewayMessage,
  type PushDevice,
  type PushNotification,
} from '../../api/messages';
import { useCan } from '../../auth/session';
import { showFieldErrors } from '../../components/formErrors';
import {
  ListEmpty,
  ListTable,
  PageHeader,
  PAGE_SIZES,
  SearchFilter,
  useCursorPaging,
  useUrlFilters,
  type KeysetPage,
  type ListPager,
  type ListQuery,
} from '../../components/list';
import ExportButton from '../../components/ExportButton';
import ProblemAlert from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';

const STATUS_COLOR: Record<string, string> = {
  queued: 'default',
  sent: 'blue',
  delivered: 'green',
  failed: 'red',
  active: 'green',
  invalid: 'red',
  unregistered: 'orange',
  removed: 'default',
  accepted: 'green',
  invalid_token: 'red',
  unavailable: 'orange',
  payload_too_large: 'red',
};

function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} data-testid={`push-status-${status}`}>
      {t(`push.status.${status}` as never, { defaultValue: status })}
    </Tag>
  );
}

interface SendValues {
  customer_ref: string;
  title: string;
  body: string;
  link?: string;
}

function SendForm({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SendValues>();
  const [error, setError] = useState<unknown>();
  const [sending, setSending] = useState(false);

  async function submit(v: SendValues) {
    setSending(true);
    setError(undefined);
    try {
      const link = v.link?.trim();
      await sendPush({ customer_ref: v.customer_ref.trim(), title: v.title, body: v.body, ...(link ? { data: { link } } : {}) });
      await queryClient.invalidateQueries({ queryKey: pushKey });
      void message.success(t('push.sent'));
      form.resetFields(['title', 'body', 'link']);
    } catch (e) {
      const placed = showFieldErrors(form, e, t, locale, ['customer_ref', 'title', 'body'], { data: 'link' });
      setError(placed ? undefined : e);
    } finally {
      setSending(false);
    }
  }

  return (
    <Card size="small" title={t('push.sendTitle')} data-testid="push-send-card">
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={disabled}>
        <Flex gap={16} wrap>
          <Form.Item
            name="customer_ref"
            label={t('push.fields.customer')}
            extra={t('push.fields.customerHint')}
            rules={[{ required: true, message: t('push.fields.customerRequired') }]}
            style={{ flex: '1 1 220px' }}
          >
            <Input maxLength={100} data-testid="push-customer" />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('push.fields.title')}
            rules={[{ required: true, message: t('push.fields.titleRequired') }]}
            style={{ flex: '2 1 320px' }}
          >
            <Input maxLength={100} showCount data-testid="push-title" />
          </Form.Item>
        </Flex>
        <Form.Item name="body" label={t('push.fields.body')} rules={[{ required: true, message: t('push.fields.bodyRequired') }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="push-body" />
        </Form.Item>
        <Form.Item name="link" label={t('push.fields.link')} extra={t('push.fields.linkHint')}>
          <Input maxLength={500} placeholder="aurora://extrato" data-testid="push-link" />
        </Form.Item>
        {error !== undefined && <ProblemAlert error={error} message={t('push.sendError')} />}
        <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={sending} data-testid="push-send" style={{ marginTop: 8 }}>
          {t('push.send')}
        </Button>
      </Form>
    </Card>
  );
}

function NotificationDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const n = usePushNotification(id);
  return (
    <Drawer open onClose={onClose} title={n.data?.title ?? t('app.loading')} width={560} data-testid="push-drawer">
      {n.isError && <ProblemAlert error={n.error} />}
      {!n.data ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('fields.status')}>
              <StatusTag status={n.data.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('push.fields.customer')}>{n.data.customer_ref}</Descriptions.Item>
            <Descriptions.Item label={t('push.fields.body')}>{n.data.body}</Descriptions.Item>
            <Descriptions.Item label={t('push.fields.data')}>
              {n.data.data ? <code>{JSON.stringify(n.data.data)}</code> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('push.columns.sentBy')}>{n.data.created_by_name}</Descriptions.Item>
            <Descriptions.Item label={t('fields.createdAt')}>{formatDateTime(n.data.created_at, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('push.columns.deliveredAt')}>
              {n.data.delivered_at ? formatDateTime(n.data.delivered_at, locale) : '—'}
            </Descriptions.Item>
            {n.data.last_error && <Descriptions.Item label={t('push.columns.error')}>{n.data.last_error}</Descriptions.Item>}
          </Descriptions>
          <Typography.Title level={5}>{t('push.deliveries')}</Typography.Title>
          <Table
            rowKey="device_id"
            size="small"
            pagination={false}
            dataSource={n.data.deliveries ?? []}
            data-testid="push-deliveries"
            columns={[
              { key: 'device', title: t('push.columns.device'), render: (_, d) => `${d.platform === 'ios' ? 'iOS' : 'Android'} ${d.token_hint}` },
              { key: 'status', title: t('fields.status'), render: (_, d) => <StatusTag status={d.status} /> },
              { key: 'attempts', title: t('push.columns.attempts'), dataIndex: 'attempts', align: 'right' },
              { key: 'error', title: t('push.columns.error'), render: (_, d) => d.error ?? '—' },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}

const FILTER_KEYS = ['tab', 'customer_ref', 'status', 'page_size'] as const;

export default function PushPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const { filters, setFilters } = useUrlFilters(FILTER_KEYS);
  const tab = filters.tab ?? 'notifications';
  const pageSize = Number(filters.page_size) || PAGE_SIZES[1];
  const apiFilters = useMemo(() => ({ customer_ref: filters.customer_ref, status: filters.status }), [filters.customer_ref, filters.status]);
  const paging = useCursorPaging(JSON.stringify(apiFilters) + pageSize + tab);
  const resources = useOwnResources();
  const messaging = resources.data?.resources.messaging;
  const [openId, setOpenId] = useState<string>();

  const notifications = usePushNotifications({ ...apiFilters, page_size: pageSize, cursor: tab === 'notifications' ? paging.cursor : undefined });
  // Fetched when their tab is opened, so they show what happened since the page was loaded.
  const devices = usePushDevices({ customer_ref: filters.customer_ref, page_size: pageSize, cursor: paging.cursor }, tab === 'devices');
  const gateway = useGatewayMessages({ page_size: pageSize, cursor: paging.cursor }, tab === 'gateway');

  const notificationColumns: TableColumnsType<PushNotification> = [
    {
      key: 'title',
      title: t('push.fields.title'),
      render: (_, n) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(n.id)} data-testid="push-open">
          {n.title}
        </Button>
      ),
    },
    { key: 'customer', title: t('push.fields.customer'), dataIndex: 'customer_ref' },
    { key: 'status', title: t('fields.status'), render: (_, n) => <StatusTag status={n.status} /> },
    { key: 'by', title: t('push.columns.sentBy'), dataIndex: 'created_by_name' },
    { key: 'created', title: t('fields.createdAt'), render: (_, n) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(n.created_at, locale)}</span> },
    {
      key: 'delivered',
      title: t('push.columns.deliveredAt'),
      render: (_, n) => (n.delivered_at ? formatDateTime(n.delivered_at, locale) : n.last_error ?? '—'),
    },
  ];
  const deviceColumns: TableColumnsType<PushDevice> = [
    { key: 'customer', title: t('push.fields.customer'), dataIndex: 'customer_ref' },
    { key: 'platform', title: t('push.columns.platform'), render: (_, d) => (d.platform === 'ios' ? 'iOS' : 'Android') },
    { key: 'token', title: t('push.columns.token'), render: (_, d) => <code>{d.token_hint}</code> },
    { key: 'status', title: t('fields.status'), render: (_, d) => <StatusTag status={d.status} /> },
    { key: 'updated', title: t('push.columns.updatedAt'), render: (_, d) => formatDateTime(d.updated_at, locale) },
  ];
  const gatewayColumns: TableColumnsType<GatewayMessage> = [
    { key: 'received', title: t('push.columns.receivedAt'), render: (_, m) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.received_at, locale)}</span> },
    { key: 'device', title: t('push.columns.device'), render: (_, m) => `${m.platform === 'ios' ? 'iOS' : 'Android'} ${m.token_hint}` },
    { key: 'title', title: t('push.fields.title'), dataIndex: 'title' },
    { key: 'outcome', title: t('push.columns.outcome'), render: (_, m) => <StatusTag status={m.outcome} /> },
    { key: 'delivered', title: t('push.columns.deliveredAt'), render: (_, m) => (m.delivered_at ? formatDateTime(m.delivered_at, locale) : '—') },
  ];

  const pager: ListPager = { paging, pageSize, setPageSize: (n) => setFilters({ page_size: String(n) }) };
  const listCard = <T extends { id: string }>(query: ListQuery<KeysetPage<T>>, columns: TableColumnsType<T>, testId: string, empty: string) => (
    <ListTable<T>
      framed={false}
      query={query}
      pager={pager}
      columns={columns}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      rowTestId={(r) => `${testId}-row-${r.id}`}
      empty={<ListEmpty hint={empty} />}
    />
  );

  return (
    <Flex vertical gap={16} data-testid="push-page">
      <PageHeader
        title={t('push.title')}
        subtitle={t('push.subtitle')}
        extra={
          tab === 'devices' ? (
            <ExportButton path="/api/v1/push/devices" filters={{ customer_ref: filters.customer_ref }} testId="push-export" />
          ) : tab === 'gateway' ? (
            <ExportButton path="/api/v1/push/gateway/messages" testId="push-export" />
          ) : (
            <ExportButton path="/api/v1/push/notifications" filters={apiFilters} testId="push-export" />
          )
        }
      />
      {messaging === false && (
        <Alert type="warning" showIcon data-testid="push-resource-off" title={t('push.resourceOff')} description={t('push.resourceOffHint')} />
      )}
      {can('push.send') && <SendForm disabled={messaging === false} />}
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => setFilters({ tab: k === 'notifications' ? undefined : k })}
          tabBarExtraContent={
            tab !== 'gateway' && (
              <Flex gap={8} role="search" aria-label={t('list.filters')}>
                <SearchFilter
                  value={filters.customer_ref}
                  onSearch={(customer_ref) => setFilters({ customer_ref })}
                  placeholder={t('push.fields.customer')}
                  width={200}
                />
                {tab === 'notifications' && (
                  <Select
                    allowClear
                    value={filters.status}
                    placeholder={t('fields.status')}
                    aria-label={t('fields.status')}
                    onChange={(v?: string) => setFilters({ status: v })}
                    style={{ width: 150 }}
                    options={PUSH_STATUSES.map((s) => ({ value: s, label: t(`push.status.${s}` as never) }))}
                  />
                )}
              </Flex>
            )
          }
          items={[
            {
              key: 'notifications',
              label: t('push.tabs.notifications'),
              children: listCard(notifications, notificationColumns, 'push-table', t('push.empty')),
            },
            { key: 'devices', label: t('push.tabs.devices'), children: listCard(devices, deviceColumns, 'push-devices', t('push.noDevices')) },
            {
              key: 'gateway',
              label: <span data-testid="push-tab-gateway">{t('push.tabs.gateway')}</span>,
              children: (
                <Flex vertical gap={8}>
                  <Typography.Text type="secondary">{t('push.gatewayHint')}</Typography.Text>
                  {listCard(gateway, gatewayColumns, 'push-gateway', t('push.gatewayEmpty'))}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      {openId && <NotificationDrawer id={openId} onClose={() => setOpenId(undefined)} />}
    </Flex>
  );
}
