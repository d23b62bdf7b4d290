// Platform administrators: messages broadcast to every institution or to some, with the
// publication window and how many operators opened each. Compose, edit and withdraw here.
import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Typography,
  type ButtonProps,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  createBroadcast,
  deleteBroadcast,
  messagesKey,
  updateBroadcast,
  useBroadcasts,
  useTenants,
  type Broadcast,
  type BroadcastInput,
} from '../../api/messages';
import { useCan } from '../../auth/session';
import { showFieldErrors } from '../../components/formErrors';
import { ListEmpty, ListTable, PageHeader, PAGE_SIZES, usePagedList } from '../../components/list';
import ExportButton from '../../components/ExportButton';
import ProblemAlert from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import MessageBody from './MessageBody';
import SeverityTag from './SeverityTag';

interface FormValues {
  title: string;
  body: string;
  severity: 'info' | 'warning';
  audience: 'all' | 'tenants';
  tenant_ids?: string[];
  window?: [Dayjs | null, Dayjs | null] | null;
}

const FORM_FIELDS = ['title', 'body', 'severity', 'audience', 'tenant_ids', 'window'] as const;

function ComposeModal({ editing, onClose }: { editing?: Broadcast; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const tenants = useTenants(useCan()('platform.tenants'));
  const [form] = Form.useForm<FormValues>();
  const audience = Form.useWatch('audience', form);
  const body = Form.useWatch('body', form);
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  const initial: FormValues = editing
    ? {
        title: editing.title,
        body: editing.body,
        severity: editing.severity,
        audience: editing.audience,
        tenant_ids: editing.tenant_ids,
        window: [editing.publish_from ? dayjs(editing.publish_from) : null, editing.publish_until ? dayjs(editing.publish_until) : null],
      }
    : { title: '', body: '', severity: 'info', audience: 'all', tenant_ids: [], window: null };

  async function submit(v: FormValues) {
    setSaving(true);
    setError(undefined);
    const input: BroadcastInput = {
      title: v.title,
      body: v.body,
      severity: v.severity,
      audience: v.audience,
      tenant_ids: v.audience === 'tenants' ? v.tenant_ids ?? [] : [],
      publish_from: v.window?.[0] ? v.window[0].toISOString() : null,
      publish_until: v.window?.[1] ? v.window[1].toISOString() : null,
    };
    try {
      if (editing) await updateBroadcast(editing.id, input);
      else await createBroadcast(input);
      await queryClient.invalidateQueries({ queryKey: messagesKey });
      void message.success(editing ? t('broadcasts.updated') : t('broadcasts.sent'));
      onClose();
    } catch (e) {
      const placed = showFieldErrors(form, e, t, locale, FORM_FIELDS, { publish_from: 'window', publish_until: 'window' });
      setError(placed ? undefined : e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={editing ? t('broadcasts.editTitle') : t('broadcasts.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={editing ? t('common.save') : t('broadcasts.send')}
      okButtonProps={{ loading: saving, 'data-testid': 'broadcast-submit' } as ButtonProps}
      width={720}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} data-testid="broadcast-modal">
        <Form.Item name="title" label={t('broadcasts.fields.title')} rules={[{ required: true, message: t('broadcasts.fields.titleRequired') }]}>
          <Input maxLength={200} data-testid="broadcast-title" />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('broadcasts.fields.body')}
          extra={t('broadcasts.fields.bodyHint')}
          rules={[{ required: true, message: t('broadcasts.fields.bodyRequired') }]}
        >
          <Input.TextArea rows={6} maxLength={10000} data-testid="broadcast-body" />
        </Form.Item>
        {body && (
          <Card size="small" title={t('broadcasts.preview')} style={{ marginBottom: 16 }}>
            <MessageBody body={body} testId="broadcast-preview" />
          </Card>
        )}
        <Flex gap={24} wrap>
          <Form.Item name="severity" label={t('messages.columns.severity')}>
            <Radio.Group
              options={[
                { value: 'info', label: t('messages.severity.info') },
                { value: 'warning', label: <span data-testid="severity-warning-option">{t('messages.severity.warning')}</span> },
              ]}
            />
          </Form.Item>
          <Form.Item name="audience" label={t('broadcasts.fields.audience')}>
            <Radio.Group
              options={[
                { value: 'all', label: t('broadcasts.audience.all') },
                { value: 'tenants', label: <span data-testid="audience-tenants-option">{t('broadcasts.audience.tenants')}</span> },
              ]}
            />
          </Form.Item>
        </Flex>
        {audience === 'tenants' && (
          <Form.Item
            name="tenant_ids"
            label={t('broadcasts.fields.tenants')}
            rules={[{ required: true, message: t('broadcasts.fields.tenantsRequired') }]}
          >
            <Select
              mode="multiple"
              loading={tenants.isPending}
              optionFilterProp="label"
              options={(tenants.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
              data-testid="broadcast-tenants"
            />
          </Form.Item>
        )}
        <Form.Item name="window" label={t('broadcasts.fields.window')} extra={t('broadcasts.fields.windowHint')}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" allowEmpty={[true, true]} />
        </Form.Item>
        {error !== undefined && <ProblemAlert error={error} message={t('broadcasts.saveError')} />}
      </Form>
    </Modal>
  );
}

const NO_FILTERS = [] as const;

export default function BroadcastsPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = usePagedList(NO_FILTERS, { toApi: () => ({}), usePage: useBroadcasts, defaultPageSize: PAGE_SIZES[1] });
  const tenants = useTenants(useCan()('platform.tenants'));
  const names = useMemo(() => new Map((tenants.data?.items ?? []).map((x) => [x.id, x.name])), [tenants.data]);
  const [compose, setCompose] = useState<{ editing?: Broadcast }>();

  async function remove(b: Broadcast) {
    try {
      await deleteBroadcast(b.id);
      await queryClient.invalidateQueries({ queryKey: messagesKey });
      void message.success(t('broadcasts.deleted'));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  }

  const window = (b: Broadcast) => {
    if (!b.publish_from && !b.publish_until) return t('broadcasts.always');
    const from = b.publish_from ? formatDateTime(b.publish_from, locale) : '…';
    const until = b.publish_until ? formatDateTime(b.publish_until, locale) : '…';
    return `${from} – ${until}`;
  };

  const columns: TableColumnsType<Broadcast> = [
    { key: 'title', title: t('messages.columns.title'), render: (_, b) => <Typography.Text strong>{b.title}</Typography.Text> },
    { key: 'severity', title: t('messages.columns.severity'), render: (_, b) => <SeverityTag severity={b.severity} /> },
    {
      key: 'audience',
      title: t('broadcasts.fields.audience'),
      render: (_, b) =>
        b.audience === 'all'
          ? t('broadcasts.audience.all')
          : b.tenant_ids.map((id) => names.get(id) ?? id).join(', '),
    },
    { key: 'window', title: t('broadcasts.fields.window'), render: (_, b) => <span style={{ whiteSpace: 'nowrap' }}>{window(b)}</span> },
    { key: 'views', title: t('broadcasts.views'), align: 'right', render: (_, b) => <span data-testid="broadcast-views">{b.views}</span> },
    {
      key: 'created',
      title: t('messages.columns.sentAt'),
      render: (_, b) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(b.created_at, locale)} · {b.author_name}
        </span>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, b) => (
        <Flex gap={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => setCompose({ editing: b })} aria-label={t('common.edit')} />
          <Popconfirm title={t('broadcasts.deleteConfirm')} onConfirm={() => void remove(b)} okText={t('common.delete')} cancelText={t('common.cancel')}>
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="broadcasts-page">
      <PageHeader
        title={t('broadcasts.title')}
        subtitle={t('broadcasts.subtitle')}
        extra={
          <>
            <ExportButton path="/api/v1/platform/messages" testId="broadcasts-export" />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCompose({})} data-testid="broadcast-new">
              {t('broadcasts.new')}
            </Button>
          </>
        }
      />
      <Card size="small">
        <ListTable<Broadcast>
          framed={false}
          query={list.query}
          pager={list}
          columns={columns}
          scroll={{ x: 'max-content' }}
          data-testid="broadcasts-table"
          rowTestId={(b) => `broadcast-row-${b.id}`}
          empty={<ListEmpty hint={t('broadcasts.empty')} />}
        />
      </Card>
      {compose && <ComposeModal editing={compose.editing} onClose={() => setCompose(undefined)} />}
    </Flex>
  );
}
